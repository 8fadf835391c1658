package org.clientele.crm.impl.prediction;

/**
 * Parameters of the Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", section 4; Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary
 * value"). A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers.
 *
 * @param p shape of the per-transaction value distribution
 * @param q shape of the customers' scale distribution; must exceed 1 for the population mean p·v/(q−1) to exist
 * @param v γ in the papers, rate of the scale distribution, in the data's currency unit
 */
public record GammaGammaParameters(double p, double q, double v) {

  public GammaGammaParameters {
    BgNbdParameters.requirePositive("p", p);
    BgNbdParameters.requirePositive("q", q);
    BgNbdParameters.requirePositive("v", v);
    if (!(q > 1)) {
      throw new IllegalArgumentException("q must exceed 1 for the mean spend to exist, was " + q);
    }
  }

  /** E[M] = p·v/(q−1), the mean transaction value across the customer base. */
  public double populationMeanValue() {
    return p * v / (q - 1);
  }
}

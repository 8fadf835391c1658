package org.clientele.crm.impl.prediction;

import static org.clientele.crm.impl.prediction.SpecialFunctions.logGamma;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Gamma-Gamma model of the mean repeat-transaction value (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", Journal of Marketing Research 42(4), section 4; Fader &amp; Hardie
 * 2013, "The Gamma-Gamma model of monetary value"). It assumes spend per transaction is independent of purchase
 * frequency, which is worth checking (the correlation of x and m̄ over repeat customers should be near 0) before
 * multiplying its predictions with the BG/NBD's.
 */
public final class GammaGammaModel {

  private static final String SUBJECT = "Gamma-Gamma fit";

  private final GammaGammaParameters parameters;
  private final FitSummary fitSummary;

  /** A model with known parameters. */
  public GammaGammaModel(GammaGammaParameters parameters) {
    this(parameters, null);
  }

  private GammaGammaModel(GammaGammaParameters parameters, FitSummary fitSummary) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.fitSummary = fitSummary;
  }

  /** {@link #fit(List, MinimumData)} with the {@linkplain MinimumData#defaults() default minimum}. */
  public static GammaGammaModel fit(List<PurchaseHistory> histories) {
    return fit(histories, MinimumData.defaults());
  }

  /**
   * Maximum-likelihood estimate of (p, q, v) from the customers with repeat purchases and a positive mean repeat
   * value (the model's support; others carry no information on spend and are skipped). Maximises
   * Σ ln f(m̄ | p, q, v; x), the marginal density of a customer's mean repeat value in Fader &amp; Hardie (2013),
   * with a Nelder–Mead simplex on ln p, ln q, ln v.
   *
   * @throws InsufficientHistoryException when fewer such customers than {@code minimum} exist
   * @throws IllegalStateException when the maximum lies at q &lt;= 1: spend is so heavy-tailed that the model has no
   *     finite mean and cannot be used for value predictions
   */
  public static GammaGammaModel fit(List<PurchaseHistory> histories, MinimumData minimum) {
    List<PurchaseHistory> usable = histories.stream().filter(h -> h.x() > 0 && h.monetaryValue() > 0).toList();
    minimum.requireCount(SUBJECT, usable.size());
    double meanValue = usable.stream().mapToDouble(PurchaseHistory::monetaryValue).average().orElseThrow();
    // p = 1, q = 2 and v = mean make the start's population mean equal the observed mean, whatever the currency.
    double[] start = {0, Math.log(2), Math.log(meanValue)};
    double n = usable.size();
    NelderMead.Result result = new NelderMead(0.5, 1e-11, 10_000, 6)
        .minimize(theta -> -logLikelihood(usable, Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2])) / n,
            start);
    double p = Math.exp(result.point()[0]);
    double q = Math.exp(result.point()[1]);
    double v = Math.exp(result.point()[2]);
    if (!(q > 1)) {
      throw new IllegalStateException("Gamma-Gamma fit found q = " + q + " <= 1 on " + usable.size()
          + " customers: transaction values are too heavy-tailed for a finite mean");
    }
    FitSummary summary = new FitSummary(usable.size(), usable.size(), logLikelihood(usable, p, q, v),
        result.evaluations(), result.converged());
    return new GammaGammaModel(new GammaGammaParameters(p, q, v), summary);
  }

  /** The parameters. */
  public GammaGammaParameters parameters() {
    return parameters;
  }

  /** How the fit went; empty for a model built from known parameters. */
  public Optional<FitSummary> fitSummary() {
    return Optional.ofNullable(fitSummary);
  }

  /** The log-likelihood of the customers with x &gt; 0 and a positive mean value; others are skipped as in the fit. */
  public double logLikelihood(List<PurchaseHistory> histories) {
    List<PurchaseHistory> usable = histories.stream().filter(h -> h.x() > 0 && h.monetaryValue() > 0).toList();
    return logLikelihood(usable, parameters.p(), parameters.q(), parameters.v());
  }

  /**
   * ln f(m̄ | p, q, v; x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m̄ + px ln x − (px+q) ln(v + x m̄),
   * the density of a customer's mean of x transaction values with the customer's scale integrated out.
   */
  private static double logLikelihood(List<PurchaseHistory> usable, double p, double q, double v) {
    if (!(Math.min(p, Math.min(q, v)) > 0) || !Double.isFinite(p * q * v)) {
      return Double.NEGATIVE_INFINITY;
    }
    double constant = -logGamma(q) + q * Math.log(v);
    double sum = 0;
    for (PurchaseHistory h : usable) {
      double x = h.x();
      double px = p * x;
      double m = h.monetaryValue();
      sum += constant + logGamma(px + q) - logGamma(px) + (px - 1) * Math.log(m) + px * Math.log(x)
          - (px + q) * Math.log(v + x * m);
    }
    return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
  }

  /** E[M] = p·v/(q−1), the mean transaction value across the customer base. */
  public double populationMeanValue() {
    return parameters.populationMeanValue();
  }

  /**
   * E[M | p, q, v, m̄, x] = p (v + x m̄) / (p x + q − 1), the posterior mean of the customer's mean transaction value
   * (Fader, Hardie &amp; Lee 2005 "RFM and CLV", section 4; Fader &amp; Hardie 2013): a weighted average of the
   * population mean and the customer's own mean m̄, the customer's weight p x / (p x + q − 1) growing with the number
   * of repeat purchases. For x = 0 it is the population mean.
   */
  public double conditionalExpectedAverageValue(PurchaseHistory history) {
    if (history.x() == 0) {
      return populationMeanValue();
    }
    double p = parameters.p();
    return p * (parameters.v() + history.x() * history.monetaryValue()) / (p * history.x() + parameters.q() - 1);
  }
}

package org.clientele.crm.impl.prediction;

/**
 * Parameters of the BG/NBD model (Fader, Hardie &amp; Lee 2005, section 3). While alive, a customer buys as a Poisson
 * process with rate λ, λ ~ Gamma(shape r, rate α) across customers; after each repeat purchase the customer drops out
 * with probability p, p ~ Beta(a, b) across customers.
 *
 * @param r shape of the purchase-rate distribution
 * @param alpha rate (inverse scale) of the purchase-rate distribution, in the data's time unit: the mean purchase
 *     rate while alive is r / alpha per time unit, so alpha scales with the unit (7× larger in days than in weeks)
 * @param a first shape of the dropout-probability distribution
 * @param b second shape of the dropout-probability distribution; the mean dropout probability is a / (a + b)
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {

  public BgNbdParameters {
    requirePositive("r", r);
    requirePositive("alpha", alpha);
    requirePositive("a", a);
    requirePositive("b", b);
  }

  static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
    }
  }
}

package org.clientele.crm.impl.prediction;

/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z), needed in closed form by the BG/NBD expectations (Fader,
 * Hardie &amp; Lee 2005, eqs. 7 and 10).
 */
final class Hypergeometric {

  static final int MAX_TERMS = 1_000_000;
  private static final double TOLERANCE = 1e-15;

  private Hypergeometric() {}

  /**
   * ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ by its power series, for |z| &lt; 1.
   *
   * <p>Summation stops once a geometric bound on the remaining tail is below 1e-15 of the sum. The bound uses the
   * larger of the current term ratio and |z|: the ratio tends to z, from above or below, so that is an upper bound on
   * all later ratios once n exceeds the parameters. Convergence slows as |z| → 1 (about ln(ε)/ln|z| terms).
   *
   * @throws IllegalArgumentException for |z| &gt;= 1 or c a non-positive integer (the series is undefined)
   * @throws ArithmeticException if the sum overflows or does not converge within {@link #MAX_TERMS} terms
   */
  static double twoF1(double a, double b, double c, double z) {
    if (!(Math.abs(z) < 1)) {
      throw new IllegalArgumentException("the series needs |z| < 1, was z=" + z);
    }
    if (c <= 0 && c == Math.rint(c)) {
      throw new IllegalArgumentException("c must not be a non-positive integer, was " + c);
    }
    if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("parameters must be finite: a=" + a + ", b=" + b + ", c=" + c);
    }
    double trustFrom = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
    double term = 1;
    double sum = 1;
    for (int n = 0; n < MAX_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (term == 0) {
        return sum; // a or b is a non-positive integer: the series is a polynomial
      }
      if (!Double.isFinite(sum)) {
        throw new ArithmeticException("2F1 overflowed at term " + n + " for a=" + a + ", b=" + b + ", c=" + c
            + ", z=" + z);
      }
      if (n + 1 > trustFrom) {
        double ratio = Math.abs((a + n + 1) * (b + n + 1) / ((c + n + 1) * (n + 2)) * z);
        double bound = Math.max(ratio, Math.abs(z));
        if (bound < 1 && Math.abs(term) * bound / (1 - bound) <= TOLERANCE * Math.abs(sum)) {
          return sum;
        }
      }
    }
    throw new ArithmeticException("2F1 did not converge in " + MAX_TERMS + " terms for a=" + a + ", b=" + b
        + ", c=" + c + ", z=" + z);
  }
}

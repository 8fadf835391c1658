package org.clientele.crm.impl.prediction;

/** Log-gamma and a stable log-sum-exp: the likelihoods are sums of gamma-function ratios that overflow as ratios. */
final class SpecialFunctions {

  private SpecialFunctions() {}

  private static final double LANCZOS_G = 7;
  // Godfrey's coefficients for g = 7, n = 9: about 15 correct digits for Re(x) >= 0.5.
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
  };
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  /** ln Γ(x) for x &gt; 0 (Lanczos approximation); NaN for x &lt;= 0 or NaN, +∞ for +∞. */
  static double logGamma(double x) {
    if (!(x > 0)) {
      return Double.NaN;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return x;
    }
    if (x < 0.5) {
      // Γ(x) = Γ(x + 1) / x keeps the approximation in its accurate range without the reflection formula's sin(πx).
      return logGamma(x + 1) - Math.log(x);
    }
    double y = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (y + i);
    }
    double t = y + LANCZOS_G + 0.5;
    return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** ln(e^u + e^v) without overflow or underflow. */
  static double logSumExp(double u, double v) {
    double max = Math.max(u, v);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    return max + Math.log1p(Math.exp(Math.min(u, v) - max));
  }
}

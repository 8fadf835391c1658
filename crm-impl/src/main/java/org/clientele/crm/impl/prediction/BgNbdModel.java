package org.clientele.crm.impl.prediction;

import static org.clientele.crm.impl.prediction.SpecialFunctions.logGamma;
import static org.clientele.crm.impl.prediction.SpecialFunctions.logSumExp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The BG/NBD ("beta-geometric / negative binomial distribution") model of Fader, Hardie &amp; Lee (2005), "Counting
 * your customers the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284: how many
 * purchases a customer base, and each customer given their history, will make, and how likely each customer is to
 * still be active ("alive").
 *
 * <p>Time is unit-agnostic: use the unit of the {@link PurchaseHistory histories} (days in production) for every
 * {@code t}. Equation numbers refer to the paper.
 */
public final class BgNbdModel {

  private static final String SUBJECT = "BG/NBD fit";
  /** Below this distance from a = 1 eqs. 7 and 10 are evaluated on both sides and averaged (a removable 0/0). */
  private static final double A_NEAR_ONE = 1e-6;

  private final BgNbdParameters parameters;
  private final FitSummary fitSummary;

  /** A model with known parameters, e.g. from an earlier fit. */
  public BgNbdModel(BgNbdParameters parameters) {
    this(parameters, null);
  }

  private BgNbdModel(BgNbdParameters parameters, FitSummary fitSummary) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.fitSummary = fitSummary;
  }

  /** {@link #fit(List, MinimumData)} with the {@linkplain MinimumData#defaults() default minimum}. */
  public static BgNbdModel fit(List<PurchaseHistory> histories) {
    return fit(histories, MinimumData.defaults());
  }

  /**
   * Maximum-likelihood estimate of (r, α, a, b) from calibration-window histories: maximises the sum of eq. 6 over
   * customers with a Nelder–Mead simplex on the logarithms of the parameters (which keeps them positive).
   *
   * @throws InsufficientHistoryException when fewer customers than {@code minimum} have repeat purchases
   */
  public static BgNbdModel fit(List<PurchaseHistory> histories, MinimumData minimum) {
    minimum.require(SUBJECT, histories);
    Likelihood likelihood = new Likelihood(histories);
    double totalAge = 0;
    long totalRepeats = 0;
    for (PurchaseHistory h : histories) {
      totalAge += h.age();
      totalRepeats += h.x();
    }
    // Start with r = 1 and α matching the mean observed rate, so the start scales with the time unit; a = 1, b = 2
    // put the mean dropout probability at 1/3.
    double alpha0 = Math.max(totalAge, 1e-9) / Math.max(totalRepeats, 1);
    double[] start = {0, Math.log(alpha0), 0, Math.log(2)};
    double n = histories.size();
    NelderMead.Result result = new NelderMead(0.5, 1e-11, 20_000, 6)
        .minimize(theta -> -likelihood.total(fromLog(theta)) / n, start);
    BgNbdParameters fitted = fromLog(result.point());
    FitSummary summary = new FitSummary(histories.size(), (int) histories.stream().filter(h -> h.x() > 0).count(),
        likelihood.total(fitted), result.evaluations(), result.converged());
    return new BgNbdModel(fitted, summary);
  }

  /**
   * Upper bound of log r, log a and log b. Past e^5 (about 148) the gamma and beta mixing distributions are
   * practically point masses and the likelihood is flat, while the hypergeometric series of eq. 10, whose
   * parameters grow with r, a and b, overflows: very regular customer bases (no visible heterogeneity) would
   * otherwise drive the fit there.
   */
  static final double MAX_LOG_SHAPE = 5;

  private static BgNbdParameters fromLog(double[] theta) {
    for (double t : theta) {
      if (!(Math.abs(t) < 30)) {
        return null; // beyond e^±30 the likelihood is flat and the arithmetic degenerate: treated as infeasible
      }
    }
    if (theta[0] > MAX_LOG_SHAPE || theta[2] > MAX_LOG_SHAPE || theta[3] > MAX_LOG_SHAPE) {
      return null;
    }
    return new BgNbdParameters(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
  }

  /** The parameters. */
  public BgNbdParameters parameters() {
    return parameters;
  }

  /** How the fit went; empty for a model built from known parameters. */
  public Optional<FitSummary> fitSummary() {
    return Optional.ofNullable(fitSummary);
  }

  /**
   * The log-likelihood of the histories under these parameters, Σ ln L(r, α, a, b | x, t_x, T) of eq. 6. It depends
   * on the time unit (each purchase time contributes a density), so compare values only on the same data.
   */
  public double logLikelihood(List<PurchaseHistory> histories) {
    return new Likelihood(histories).total(parameters);
  }

  /**
   * E[X(t)], the expected number of repeat purchases by a randomly chosen customer within {@code t} of the first
   * purchase (eq. 7): (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
   */
  public double expectedPurchases(double t) {
    return conditionalExpectation(t, 0, 0);
  }

  /**
   * E[Y(t) | x, t_x, T], the expected number of purchases in the next {@code t} after the end of the customer's
   * window, given the history (eq. 10).
   */
  public double conditionalExpectedPurchases(double t, PurchaseHistory history) {
    return probabilityAlive(history) * conditionalExpectation(t, history.x(), history.age());
  }

  /**
   * P(alive | x, t_x, T), the probability that the customer has not dropped out by the end of the window (the
   * denominator of eq. 10, also Fader, Hardie &amp; Lee's note "Computing P(alive) using the BG/NBD model"):
   * 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) for x &gt; 0. It is 1 for x = 0: in the BG/NBD dropout happens only
   * right after a repeat purchase, so a customer who never bought again cannot have dropped out — an optimistic
   * convention worth remembering when ranking one-time buyers.
   */
  public double probabilityAlive(PurchaseHistory history) {
    if (history.x() == 0) {
      return 1;
    }
    BgNbdParameters p = parameters;
    double x = history.x();
    double logOdds = Math.log(p.a()) - Math.log(p.b() + x - 1)
        + (p.r() + x) * (Math.log(p.alpha() + history.age()) - Math.log(p.alpha() + history.recency()));
    // 1 / (1 + e^logOdds), written to stay exact for large |logOdds|
    return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
  }

  /**
   * The numerator of eq. 10 (eq. 7 for x = 0, T = 0): (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x;
   * a+b+x−1; z)], z = t/(α+T+t). The ₂F₁ is evaluated after Euler's transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B)
   * ₂F₁(C−A, C−B; C; z): the power factor becomes (1−z)^(a−1) and the new series has small upper parameters
   * (a+b−1−r, a−1), so it neither overflows for frequent buyers (large x) nor needs huge cancelling terms.
   */
  private double conditionalExpectation(double t, int xCount, double age) {
    if (!(t >= 0) || !Double.isFinite(t)) {
      throw new IllegalArgumentException("t must be finite and >= 0, was " + t);
    }
    if (t == 0) {
      return 0;
    }
    double a = parameters.a();
    if (Math.abs(a - 1) < A_NEAR_ONE) {
      // The expression is 0/0 at a = 1 but continuous: average the two sides.
      return (numerator(t, xCount, age, 1 - A_NEAR_ONE) + numerator(t, xCount, age, 1 + A_NEAR_ONE)) / 2;
    }
    return numerator(t, xCount, age, a);
  }

  private double numerator(double t, int xCount, double age, double a) {
    double r = parameters.r();
    double b = parameters.b();
    double x = xCount;
    double scale = parameters.alpha() + age;
    double z = t / (scale + t);
    double oneMinusZ = scale / (scale + t);
    double c = a + b + x - 1;
    double f = Hypergeometric.twoF1(a + b - 1 - r, a - 1, c, z);
    // -expm1 keeps 1 − (1−z)^(a−1)·F accurate when it is small (short horizons); F is positive in practice (its
    // terms start at 1 and its value at z = 1 is a ratio of gammas of positive arguments), the guard is for safety.
    double bracket = f > 0
        ? -Math.expm1((a - 1) * Math.log(oneMinusZ) + Math.log(f))
        : 1 - Math.pow(oneMinusZ, a - 1) * f;
    return c / (a - 1) * bracket;
  }

  /** Eq. 6 summed over histories, with identical (x, t_x, T) triples evaluated once. */
  private static final class Likelihood {
    private final int[] x;
    private final double[] recency;
    private final double[] age;
    private final double[] weight;
    private final int[] distinctX;
    private final int[] xIndex;

    Likelihood(List<PurchaseHistory> histories) {
      Map<PurchaseHistory, Integer> counts = new HashMap<>();
      for (PurchaseHistory h : histories) {
        counts.merge(PurchaseHistory.of(h.x(), h.recency(), h.age()), 1, Integer::sum);
      }
      int n = counts.size();
      x = new int[n];
      recency = new double[n];
      age = new double[n];
      weight = new double[n];
      int i = 0;
      for (Map.Entry<PurchaseHistory, Integer> e : counts.entrySet()) {
        x[i] = e.getKey().x();
        recency[i] = e.getKey().recency();
        age[i] = e.getKey().age();
        weight[i] = e.getValue();
        i++;
      }
      distinctX = Arrays.stream(x).distinct().sorted().toArray();
      xIndex = new int[n];
      for (int k = 0; k < n; k++) {
        xIndex[k] = Arrays.binarySearch(distinctX, x[k]);
      }
    }

    /**
     * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) + ln[(α+T)^−(r+x) + δ_{x>0} a/(b+x−1)
     * (α+t_x)^−(r+x)], using B(a+1, b+x−1)/B(a, b+x) = a/(b+x−1) to share the beta term between both branches.
     * Returns −∞ for infeasible parameters (null).
     */
    double total(BgNbdParameters p) {
      if (p == null) {
        return Double.NEGATIVE_INFINITY;
      }
      double r = p.r();
      double alpha = p.alpha();
      double a = p.a();
      double b = p.b();
      double[] byX = new double[distinctX.length];
      double constant = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
      for (int k = 0; k < distinctX.length; k++) {
        int xx = distinctX[k];
        byX[k] = constant + logGamma(r + xx) + logGamma(b + xx) - logGamma(a + b + xx);
      }
      double sum = 0;
      double logA = Math.log(a);
      for (int i = 0; i < x.length; i++) {
        double rx = r + x[i];
        double aliveThroughout = -rx * Math.log(alpha + age[i]);
        double mixture = x[i] == 0
            ? aliveThroughout
            : logSumExp(aliveThroughout, logA - Math.log(b + x[i] - 1) - rx * Math.log(alpha + recency[i]));
        sum += weight[i] * (byX[xIndex[i]] + mixture);
      }
      return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }
  }
}

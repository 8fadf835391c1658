package org.clientele.crm.impl.prediction;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free minimisation by the Nelder–Mead simplex (Nelder &amp; Mead 1965, with the standard coefficients
 * reflection 1, expansion 2, contraction ½, shrink ½ of Lagarias et al. 1998). The likelihoods here are smooth but
 * their gradients in the hypergeometric-free form are tedious and a 3–4 parameter simplex converges in a few hundred
 * evaluations.
 *
 * <p>A simplex can collapse on a ridge before reaching the optimum, so the search restarts from the best point with a
 * fresh simplex until a restart no longer improves the value. NaN and infinite values count as +∞ (worse than any
 * finite value), which keeps the simplex away from regions where the objective is undefined.
 */
final class NelderMead {

  /** Outcome of a minimisation. */
  record Result(double[] point, double value, int evaluations, boolean converged) {}

  private final double step;
  private final double tolerance;
  private final int maxEvaluations;
  private final int maxRestarts;

  /**
   * @param step initial simplex edge along each coordinate
   * @param tolerance convergence threshold, both on the spread of values (relative to the best) and the simplex size
   * @param maxEvaluations evaluation budget over all restarts
   * @param maxRestarts fresh simplices after the first one
   */
  NelderMead(double step, double tolerance, int maxEvaluations, int maxRestarts) {
    this.step = step;
    this.tolerance = tolerance;
    this.maxEvaluations = maxEvaluations;
    this.maxRestarts = maxRestarts;
  }

  Result minimize(ToDoubleFunction<double[]> objective, double[] start) {
    Counter f = new Counter(objective);
    double[] best = start.clone();
    double bestValue = f.apply(best);
    if (bestValue == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("the objective is not finite at the start " + Arrays.toString(start));
    }
    boolean converged = false;
    for (int round = 0; round <= maxRestarts && f.count < maxEvaluations; round++) {
      Result r = run(f, best, round == 0 ? step : step / 2);
      boolean improved = r.value() < bestValue - tolerance * (Math.abs(bestValue) + tolerance);
      if (r.value() < bestValue) {
        best = r.point();
        bestValue = r.value();
      }
      converged = r.converged();
      if (round > 0 && !improved && converged) {
        break; // a restart confirmed the optimum
      }
    }
    return new Result(best, bestValue, f.count, converged);
  }

  private Result run(Counter f, double[] start, double edge) {
    int n = start.length;
    double[][] simplex = new double[n + 1][];
    double[] values = new double[n + 1];
    simplex[0] = start.clone();
    values[0] = f.apply(simplex[0]);
    for (int i = 0; i < n; i++) {
      double[] vertex = start.clone();
      vertex[i] += edge;
      simplex[i + 1] = vertex;
      values[i + 1] = f.apply(vertex);
    }
    while (f.count < maxEvaluations) {
      sort(simplex, values);
      if (hasConverged(simplex, values)) {
        return new Result(simplex[0], values[0], f.count, true);
      }
      double[] centroid = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          centroid[j] += simplex[i][j] / n;
        }
      }
      double[] worst = simplex[n];
      double[] reflected = along(centroid, worst, -1);
      double fr = f.apply(reflected);
      if (fr < values[0]) {
        double[] expanded = along(centroid, worst, -2);
        double fe = f.apply(expanded);
        if (fe < fr) {
          simplex[n] = expanded;
          values[n] = fe;
        } else {
          simplex[n] = reflected;
          values[n] = fr;
        }
      } else if (fr < values[n - 1]) {
        simplex[n] = reflected;
        values[n] = fr;
      } else {
        boolean outside = fr < values[n];
        double[] contracted = outside ? along(centroid, worst, -0.5) : along(centroid, worst, 0.5);
        double fc = f.apply(contracted);
        if (fc < (outside ? fr : values[n])) {
          simplex[n] = contracted;
          values[n] = fc;
        } else {
          for (int i = 1; i <= n; i++) {
            simplex[i] = along(simplex[0], simplex[i], 0.5);
            values[i] = f.apply(simplex[i]);
          }
        }
      }
    }
    sort(simplex, values);
    return new Result(simplex[0], values[0], f.count, false);
  }

  private boolean hasConverged(double[][] simplex, double[] values) {
    double spread = values[values.length - 1] - values[0];
    if (!(spread <= tolerance * (Math.abs(values[0]) + tolerance))) {
      return false;
    }
    for (int i = 1; i < simplex.length; i++) {
      for (int j = 0; j < simplex[0].length; j++) {
        if (Math.abs(simplex[i][j] - simplex[0][j]) > Math.sqrt(tolerance)) {
          return false;
        }
      }
    }
    return true;
  }

  /** centroid + coefficient · (point − centroid). */
  private static double[] along(double[] centroid, double[] point, double coefficient) {
    double[] out = new double[centroid.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = centroid[j] + coefficient * (point[j] - centroid[j]);
    }
    return out;
  }

  private static void sort(double[][] simplex, double[] values) {
    for (int i = 1; i < values.length; i++) { // insertion sort: n + 1 <= 5 vertices
      double v = values[i];
      double[] p = simplex[i];
      int j = i - 1;
      while (j >= 0 && values[j] > v) {
        values[j + 1] = values[j];
        simplex[j + 1] = simplex[j];
        j--;
      }
      values[j + 1] = v;
      simplex[j + 1] = p;
    }
  }

  private static final class Counter {
    private final ToDoubleFunction<double[]> objective;
    private int count;

    Counter(ToDoubleFunction<double[]> objective) {
      this.objective = objective;
    }

    double apply(double[] point) {
      count++;
      double v = objective.applyAsDouble(point);
      return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
  }
}

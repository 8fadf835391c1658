package org.clientele.crm.impl.prediction;

import java.util.List;

/**
 * Checks a purchase forecast on data it was not fitted on, as Fader, Hardie &amp; Lee (2005, section 4) validate the
 * BG/NBD on CDNOW: fit on a calibration window, predict each customer's purchases in the following holdout period,
 * compare with what they actually bought, and with a naïve forecast that extrapolates each customer's own rate.
 */
public final class BackTest {

  /** A per-customer forecast of purchases in the {@code horizon} after the calibration window. */
  @FunctionalInterface
  public interface Forecast {
    double expectedPurchases(PurchaseHistory calibration, double horizon);
  }

  private BackTest() {}

  /** Back-tests the BG/NBD conditional expectation (eq. 10). */
  public static BackTestReport run(BgNbdModel model, List<HoldoutObservation> observations, double holdoutLength) {
    return run((h, t) -> model.conditionalExpectedPurchases(t, h), observations, holdoutLength);
  }

  /** Back-tests any forecast. */
  public static BackTestReport run(Forecast forecast, List<HoldoutObservation> observations, double holdoutLength) {
    if (observations.isEmpty()) {
      throw new IllegalArgumentException("a back-test needs at least one customer");
    }
    if (!(holdoutLength > 0) || !Double.isFinite(holdoutLength)) {
      throw new IllegalArgumentException("holdoutLength must be positive and finite, was " + holdoutLength);
    }
    double modelError = 0;
    double baselineError = 0;
    double totalPredicted = 0;
    double baselineTotal = 0;
    long totalActual = 0;
    for (HoldoutObservation o : observations) {
      PurchaseHistory h = o.calibration();
      double predicted = forecast.expectedPurchases(h, holdoutLength);
      double naive = h.age() > 0 ? h.x() / h.age() * holdoutLength : 0;
      int actual = o.holdoutPurchases();
      modelError += Math.abs(predicted - actual);
      baselineError += Math.abs(naive - actual);
      totalPredicted += predicted;
      baselineTotal += naive;
      totalActual += actual;
    }
    int n = observations.size();
    return new BackTestReport(n, holdoutLength, modelError / n, totalPredicted, totalActual, baselineError / n,
        baselineTotal);
  }
}

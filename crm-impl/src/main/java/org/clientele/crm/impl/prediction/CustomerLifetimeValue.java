package org.clientele.crm.impl.prediction;

import java.util.Objects;

/**
 * Residual customer lifetime value over a finite horizon from the two models, as in Fader, Hardie &amp; Lee (2005,
 * "RFM and CLV"): expected purchases (BG/NBD, eq. 10 of "Counting your customers the easy way") times the expected
 * value per purchase (Gamma-Gamma). Multiplying the two expectations is exact only because the Gamma-Gamma assumes
 * spend independent of frequency. Horizons and discount rates are in the histories' time unit (days in production).
 */
public final class CustomerLifetimeValue {

  private final BgNbdModel purchases;
  private final GammaGammaModel spend;

  public CustomerLifetimeValue(BgNbdModel purchases, GammaGammaModel spend) {
    this.purchases = Objects.requireNonNull(purchases, "purchases");
    this.spend = Objects.requireNonNull(spend, "spend");
  }

  /**
   * Undiscounted value of the customer's purchases in the next {@code horizon} after the window:
   * E[Y(horizon) | x, t_x, T] · E[M | x, m̄].
   */
  public double value(PurchaseHistory history, double horizon) {
    return purchases.conditionalExpectedPurchases(horizon, history) * spend.conditionalExpectedAverageValue(history);
  }

  /**
   * Value discounted at {@code discountRate} per time unit (per day in production; e.g. 10 % a year is about
   * 0.000261 a day): the purchases expected during unit k after the window, E[Y(k)] − E[Y(k−1)], are worth
   * 1/(1+discountRate)^k each (a trailing partial unit is discounted as a whole one). It evaluates eq. 10 once per unit
   * of the horizon, so on daily data prefer horizons of a few years at most. A rate of 0 equals
   * {@link #value(PurchaseHistory, double)}.
   */
  public double value(PurchaseHistory history, double horizon, double discountRate) {
    if (!(discountRate >= 0) || !Double.isFinite(discountRate)) {
      throw new IllegalArgumentException("discountRate must be finite and >= 0, was " + discountRate);
    }
    if (!(horizon >= 0) || !Double.isFinite(horizon)) {
      throw new IllegalArgumentException("horizon must be finite and >= 0, was " + horizon);
    }
    if (discountRate == 0) {
      return value(history, horizon);
    }
    double discountedPurchases = 0;
    double previous = 0;
    double factor = 1;
    for (int k = 1; k - 1 < horizon; k++) {
      double cumulative = purchases.conditionalExpectedPurchases(Math.min(k, horizon), history);
      factor /= 1 + discountRate;
      discountedPurchases += (cumulative - previous) * factor;
      previous = cumulative;
    }
    return discountedPurchases * spend.conditionalExpectedAverageValue(history);
  }

  /** 1 − P(alive | x, t_x, T): the probability that the customer has already dropped out (0 for x = 0, see there). */
  public double churnProbability(PurchaseHistory history) {
    return 1 - purchases.probabilityAlive(history);
  }
}

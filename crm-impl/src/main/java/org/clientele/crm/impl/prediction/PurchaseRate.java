package org.clientele.crm.impl.prediction;

import java.time.LocalDate;

/**
 * A customer's purchase rate <em>if still alive</em>, from the BG/NBD's assumptions. Not in Fader, Hardie &amp; Lee
 * (2005), but it follows from them: while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α), so a
 * customer still alive at the end of the window, after x repeat purchases in T, has λ ~ Gamma(r + x, α + T) and the
 * posterior mean rate (r + x)/(α + T). Use it with {@link BgNbdModel#probabilityAlive}: it says how often the customer
 * buys, not whether they will.
 */
public final class PurchaseRate {

  private PurchaseRate() {}

  /** E[λ | alive, x, T] = (r + x)/(α + T), purchases per time unit. */
  public static double meanRateIfAlive(BgNbdModel model, PurchaseHistory history) {
    BgNbdParameters p = model.parameters();
    return (p.r() + history.x()) / (p.alpha() + history.age());
  }

  /**
   * 1 / {@link #meanRateIfAlive}: the typical time between purchases of a still-active customer, a plug-in estimate
   * (it is not E[1/λ], which is (α+T)/(r+x−1) and infinite for r + x &lt;= 1).
   */
  public static double expectedTimeBetweenPurchasesIfAlive(BgNbdModel model, PurchaseHistory history) {
    return 1 / meanRateIfAlive(model, history);
  }

  /**
   * The day of the next purchase of a still-active customer, on day-based histories: the end of the window plus
   * {@link #expectedTimeBetweenPurchasesIfAlive}, rounded. It counts from the end of the window, not from the last
   * purchase, because Poisson purchasing is memoryless: the time already waited says nothing about the time left.
   *
   * @param windowEnd the first day after the calibration window ({@code windowEnd} of
   *     {@link PurchaseHistory#fromOrders})
   */
  public static LocalDate expectedNextPurchaseDayIfAlive(BgNbdModel model, PurchaseHistory history,
      LocalDate windowEnd) {
    return windowEnd.plusDays(Math.round(expectedTimeBetweenPurchasesIfAlive(model, history)));
  }
}

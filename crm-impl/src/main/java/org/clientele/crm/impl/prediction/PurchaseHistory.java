package org.clientele.crm.impl.prediction;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * One customer's purchases in a calibration window, reduced to the sufficient statistics of the BG/NBD and
 * Gamma-Gamma models (Fader, Hardie &amp; Lee 2005, section 3: "(X = x, t_x, T)").
 *
 * <p>Time is in any unit, as long as all histories and horizons given to one model share it: days in production,
 * weeks in the published CDNOW example. Purchases are counted as <em>distinct purchase days</em> (or periods):
 * orders placed on the same day are one purchase whose value is their sum, because the model's Poisson process has
 * no simultaneous events and split baskets would otherwise read as a very frequent customer. {@link #fromOrders}
 * does this.
 *
 * @param x number of repeat purchases: purchases after the first one, in the window
 * @param recency t_x, time from the first to the last purchase (0 when {@code x == 0})
 * @param age T, time from the first purchase to the end of the window
 * @param monetaryValue mean value of the repeat purchases (the first purchase is left out, as in the Gamma-Gamma
 *     model); 0 when {@code x == 0}
 */
public record PurchaseHistory(int x, double recency, double age, double monetaryValue) {

  public PurchaseHistory {
    if (x < 0) {
      throw new IllegalArgumentException("x must be >= 0, was " + x);
    }
    if (!Double.isFinite(recency) || !Double.isFinite(age) || recency < 0 || recency > age) {
      throw new IllegalArgumentException("need 0 <= recency <= age, was recency=" + recency + ", age=" + age);
    }
    if (x == 0 && recency != 0) {
      throw new IllegalArgumentException("a customer without repeat purchases has recency 0, was " + recency);
    }
    if (!Double.isFinite(monetaryValue) || monetaryValue < 0) {
      throw new IllegalArgumentException("monetaryValue must be finite and >= 0, was " + monetaryValue);
    }
    if (x == 0 && monetaryValue != 0) {
      throw new IllegalArgumentException("a customer without repeat purchases has monetaryValue 0");
    }
  }

  /** A history without monetary information (frequency models only). */
  public static PurchaseHistory of(int x, double recency, double age) {
    return new PurchaseHistory(x, recency, age, 0);
  }

  /** One order as stored: its day and its value. */
  public record Order(LocalDate day, double value) {
    public Order {
      if (day == null || !Double.isFinite(value)) {
        throw new IllegalArgumentException("an order needs a day and a finite value");
      }
    }
  }

  /**
   * The history, in days, of a customer's orders before {@code windowEnd} (exclusive; later orders are ignored so the
   * same order list can serve a calibration window and its holdout). Same-day orders are merged into one purchase.
   * T counts the days from the first purchase day to {@code windowEnd}, so a customer who first bought on the last
   * day of the window has T = 1.
   *
   * @throws InsufficientHistoryException when the customer has no order before {@code windowEnd}: the models predict
   *     only for customers who have made at least one purchase
   */
  public static PurchaseHistory fromOrders(Collection<Order> orders, LocalDate windowEnd) {
    TreeMap<LocalDate, Double> byDay = new TreeMap<>();
    for (Order o : orders) {
      if (o.day().isBefore(windowEnd)) {
        byDay.merge(o.day(), o.value(), Double::sum);
      }
    }
    if (byDay.isEmpty()) {
      throw new InsufficientHistoryException("a customer prediction", "purchase", 1, 0);
    }
    LocalDate first = byDay.firstKey();
    LocalDate last = byDay.lastKey();
    int x = byDay.size() - 1;
    double repeatTotal = 0;
    for (Map.Entry<LocalDate, Double> e : byDay.tailMap(first, false).entrySet()) {
      repeatTotal += e.getValue();
    }
    // Negative day totals (refunds exceeding the day's orders) would break the Gamma-Gamma support: floor at 0.
    double mean = x == 0 ? 0 : Math.max(0, repeatTotal / x);
    return new PurchaseHistory(x, ChronoUnit.DAYS.between(first, last), ChronoUnit.DAYS.between(first, windowEnd),
        mean);
  }

  /**
   * Distinct purchase days in {@code [from, toExclusive)}: the actual count a holdout period is compared with, on the
   * same same-day-merging rule as {@link #fromOrders}.
   */
  public static int purchaseDays(Collection<Order> orders, LocalDate from, LocalDate toExclusive) {
    return (int) orders.stream()
        .map(Order::day)
        .filter(d -> !d.isBefore(from) && d.isBefore(toExclusive))
        .distinct()
        .count();
  }
}

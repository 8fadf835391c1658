package org.clientele.crm.impl.store.shopify;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Shopify's calculated query cost limit as waits: the bucket holds {@code maximumAvailable} points and refills at
 * {@code restoreRate} points per second; a query needs its requested cost available. Pure functions.
 */
public final class ShopifyThrottle {

  private ShopifyThrottle() {}

  /**
   * How long to wait before a query of the given cost, from the last status reported and the time since.
   *
   * @return milliseconds, 0 when enough is available or nothing is known
   */
  public static long waitBefore(ShopifyGraphQl.Cost last, long elapsedMillis, double nextCost) {
    if (last == null || last.currentlyAvailable() == null || last.restoreRate() == null || last.restoreRate() <= 0
        || nextCost <= 0) {
      return 0;
    }
    double need = last.maximumAvailable() == null ? nextCost : Math.min(nextCost, last.maximumAvailable());
    double available = last.currentlyAvailable() + last.restoreRate() * Math.max(0, elapsedMillis) / 1000.0;
    if (last.maximumAvailable() != null) {
      available = Math.min(available, last.maximumAvailable());
    }
    if (available >= need) {
      return 0;
    }
    return (long) Math.ceil((need - available) / last.restoreRate() * 1000.0);
  }

  /**
   * How long to wait after a THROTTLED answer before the same query: until its requested cost is back, at least
   * {@code floor}.
   */
  public static long afterThrottled(ShopifyGraphQl.Cost cost, Duration floor) {
    long wait = cost == null || cost.requested() == null ? 0 : waitBefore(cost, 0, cost.requested());
    return Math.max(wait, floor.toMillis());
  }

  /**
   * A {@code Retry-After} header in seconds (decimals allowed) as milliseconds, or -1 when absent or unreadable
   * (an HTTP date is not expected from Shopify and is treated as absent).
   */
  public static long retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    try {
      BigDecimal seconds = new BigDecimal(header.trim());
      return seconds.signum() < 0 ? -1 : Math.min(seconds.movePointRight(3).longValue(), 3_600_000L);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The backoff before attempt {@code attempt + 1}: doubling from {@code first}, capped at {@code max}. */
  public static long backoff(int attempt, Duration first, Duration max) {
    long delay = first.toMillis();
    for (int i = 1; i < attempt && delay < max.toMillis(); i++) {
      delay *= 2;
    }
    return Math.min(delay, max.toMillis());
  }
}

package org.clientele.crm.impl.store.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cost limit's arithmetic. */
class ShopifyThrottleTest {

  private static final ShopifyGraphQl.Cost LOW = new ShopifyGraphQl.Cost(100.0, 40.0, 1000.0, 20.0, 50.0);

  @Test
  void waitsUntilTheNextQueryCostIsRestored() {
    // 80 points missing at 50 points/s
    assertThat(ShopifyThrottle.waitBefore(LOW, 0, 100)).isEqualTo(1600);
    // 1 s since the report: 70 available, 30 missing
    assertThat(ShopifyThrottle.waitBefore(LOW, 1000, 100)).isEqualTo(600);
    assertThat(ShopifyThrottle.waitBefore(LOW, 2000, 100)).isZero();
    assertThat(ShopifyThrottle.waitBefore(LOW, 0, 20)).isZero();
  }

  @Test
  void neverWaitsForMoreThanTheBucketHoldsNorWithoutAStatus() {
    // a query asking 5000 can only ever need the maximum (1000): 980 missing at 50/s
    assertThat(ShopifyThrottle.waitBefore(LOW, 0, 5000)).isEqualTo(19600);
    assertThat(ShopifyThrottle.waitBefore(null, 0, 100)).isZero();
    assertThat(ShopifyThrottle.waitBefore(new ShopifyGraphQl.Cost(100.0, null, 1000.0, 0.0, 0.0), 0, 100)).isZero();
    assertThat(ShopifyThrottle.waitBefore(LOW, 0, 0)).isZero();
  }

  @Test
  void afterThrottledWaitsForTheRequestedCostAtLeastTheFloor() {
    ShopifyGraphQl.Cost throttled = new ShopifyGraphQl.Cost(752.0, null, 1000.0, 666.0, 50.0);
    assertThat(ShopifyThrottle.afterThrottled(throttled, Duration.ofMillis(100))).isEqualTo(1720);
    assertThat(ShopifyThrottle.afterThrottled(null, Duration.ofMillis(250))).isEqualTo(250);
  }

  @Test
  void retryAfterAndBackoff() {
    assertThat(ShopifyThrottle.retryAfter("2")).isEqualTo(2000);
    assertThat(ShopifyThrottle.retryAfter("1.5")).isEqualTo(1500);
    assertThat(ShopifyThrottle.retryAfter(null)).isEqualTo(-1);
    assertThat(ShopifyThrottle.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(-1);
    assertThat(ShopifyThrottle.retryAfter("-3")).isEqualTo(-1);
    Duration first = Duration.ofSeconds(1);
    Duration max = Duration.ofSeconds(5);
    assertThat(ShopifyThrottle.backoff(1, first, max)).isEqualTo(1000);
    assertThat(ShopifyThrottle.backoff(2, first, max)).isEqualTo(2000);
    assertThat(ShopifyThrottle.backoff(3, first, max)).isEqualTo(4000);
    assertThat(ShopifyThrottle.backoff(4, first, max)).isEqualTo(5000);
    assertThat(ShopifyThrottle.backoff(40, first, max)).isEqualTo(5000);
  }
}

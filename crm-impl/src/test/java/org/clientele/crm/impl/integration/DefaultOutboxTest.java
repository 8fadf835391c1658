package org.clientele.crm.impl.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DefaultOutboxTest {

  private static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");

  @Test
  void aSlowClaimRefreshesTheStatisticsAtMostEveryInterval() {
    Duration slow = Duration.ofMillis(900);
    assertThat(DefaultOutbox.statisticsLag(slow, Instant.EPOCH, NOW)).isTrue();
    assertThat(DefaultOutbox.statisticsLag(slow, NOW.minusSeconds(10), NOW)).as("refreshed 10 s ago").isFalse();
    assertThat(DefaultOutbox.statisticsLag(slow, NOW.minusSeconds(30), NOW)).isTrue();
  }

  @Test
  void aFastClaimLeavesThemAlone() {
    assertThat(DefaultOutbox.statisticsLag(Duration.ofMillis(20), Instant.EPOCH, NOW)).isFalse();
    assertThat(DefaultOutbox.statisticsLag(DefaultOutbox.SLOW_CLAIM, Instant.EPOCH, NOW)).isFalse();
  }
}

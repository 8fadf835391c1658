package org.clientele.crm.api.integration;

import java.time.Duration;

/**
 * Redelivery of a failed message: after attempt n the next one waits {@code initialDelay · 2^(n-1)}, at most
 * {@code maxDelay}; after {@code maxAttempts} failures the message is parked as a dead letter.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialDelay == null || initialDelay.isNegative() || maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("delays must be non-negative and maxDelay >= initialDelay");
    }
  }

  /** The wait after the given number of failed attempts (1 or more). */
  public Duration delayAfter(int failedAttempts) {
    Duration delay = initialDelay;
    for (int i = 1; i < failedAttempts && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}

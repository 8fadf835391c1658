package org.clientele.crm.camel.email.mailchimp;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engagement import's configuration ({@code crm.email.mailchimp.engagement.*}); it runs when
 * {@code crm.email.mailchimp.enabled} and {@code engagement.enabled} (default true) are both set.
 *
 * @param period time between runs
 * @param tick how often the route checks whether a run is due (the period passed, a backoff ended, or an
 *     operator asked for one)
 * @param lookback campaigns sent longer ago are not imported (and their checkpoints are dropped)
 * @param overlap each campaign's next activity read starts this long before the previous read began, so that
 *     clock skew or late-recorded activity is not missed; the repeats are absorbed by the idempotent recording
 * @param pageSize {@code count} of each paged report request (Mailchimp allows up to 1000)
 * @param retryInitial the first backoff after a run stopped by 429/5xx/network errors, doubling per failed run
 * @param retryMax the longest backoff
 */
public record EngagementSettings(boolean enabled, Duration period, Duration tick, Duration lookback,
    Duration overlap, int pageSize, Duration retryInitial, Duration retryMax) {

  public static final String PREFIX = MailchimpSettings.PREFIX + "engagement.";

  public EngagementSettings {
    if (period.isNegative() || period.isZero() || tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException(PREFIX + "period and tick must be positive");
    }
    if (lookback.isNegative() || lookback.isZero()) {
      throw new IllegalArgumentException(PREFIX + "lookback must be positive");
    }
    if (overlap.isNegative()) {
      throw new IllegalArgumentException(PREFIX + "overlap must not be negative");
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException(PREFIX + "page-size must be 1 to 1000");
    }
    if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
      throw new IllegalArgumentException(PREFIX + "retry.initial-delay must be positive and at most retry.max-delay");
    }
  }

  public static EngagementSettings from(Function<String, Optional<String>> config) {
    Duration period = duration(config, "period", "PT15M");
    return new EngagementSettings(
        Boolean.parseBoolean(config.apply(PREFIX + "enabled").orElse("true").trim()),
        period,
        duration(config, "tick", "PT5S"),
        duration(config, "lookback", "P30D"),
        duration(config, "overlap", "PT10M"),
        Integer.parseInt(config.apply(PREFIX + "page-size").orElse("1000").trim()),
        duration(config, "retry.initial-delay", "PT1M"),
        config.apply(PREFIX + "retry.max-delay").filter(s -> !s.isBlank()).map(s -> Duration.parse(s.trim()))
            .orElse(period));
  }

  private static Duration duration(Function<String, Optional<String>> config, String key, String fallback) {
    String value = config.apply(PREFIX + key).filter(s -> !s.isBlank()).orElse(fallback).trim();
    try {
      return Duration.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(PREFIX + key + " is not an ISO-8601 duration (like PT15M): " + value);
    }
  }

  /** The backoff after {@code failures} failed runs in a row: initial · 2^(failures-1), at most max. */
  public Duration backoff(int failures) {
    if (failures < 1) {
      return period;
    }
    Duration d = retryInitial;
    for (int i = 1; i < failures && d.compareTo(retryMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }
}

package org.clientele.crm.api.analytics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * How to fit a prediction run.
 *
 * @param horizonDays how far ahead orders and CLV are predicted (default 365)
 * @param holdoutDays the most recent history kept out of the back-test's fit to measure its error
 *     (default 90)
 * @param currency the orders whose values the CLV uses (default: the most frequent currency)
 * @param asOf the end of the history used (default now)
 */
public record PredictionSettings(
    @Min(value = 1, message = "must be at least 1") @Max(value = 3650, message = "must be at most 3650")
        Integer horizonDays,
    @Min(value = 7, message = "must be at least 7") @Max(value = 730, message = "must be at most 730")
        Integer holdoutDays,
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
    Instant asOf) {

  public PredictionSettings {
    horizonDays = horizonDays == null ? 365 : horizonDays;
    holdoutDays = holdoutDays == null ? 90 : holdoutDays;
  }
}

package org.clientele.crm.api.segment;

import jakarta.validation.constraints.NotBlank;

/**
 * The customer may be contacted now: the consent decision in force for this channel and purpose (the latest,
 * a refusal winning a tie) is {@code GRANTED}.
 *
 * @param channel a consent channel, e.g. {@code EMAIL}
 * @param purpose a consent purpose, e.g. {@code MARKETING}
 */
public record ConsentCondition(
    @NotBlank(message = "is required") String channel,
    @NotBlank(message = "is required") String purpose) {}

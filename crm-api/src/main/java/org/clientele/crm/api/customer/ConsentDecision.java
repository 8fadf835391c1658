package org.clientele.crm.api.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One consent decision for a channel and purpose. The most recent decision (by {@code decidedAt}) is
 * the one in force; an older decision arriving later is kept in the history but never overrides it.
 *
 * @param source the system or person that recorded the decision, e.g. {@code STORE:shop.example}
 * @param decidedAt when the customer decided (not when the CRM heard of it)
 * @param evidence how it was given, e.g. the form and IP address; free text
 */
public record ConsentDecision(
    @NotNull(message = "is required") ConsentChannel channel,
    @NotNull(message = "is required") ConsentPurpose purpose,
    @NotNull(message = "is required") ConsentStatus status,
    @NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters")
        String source,
    @NotNull(message = "is required") Instant decidedAt,
    @Size(max = 1000, message = "must be at most 1000 characters") String evidence) {}

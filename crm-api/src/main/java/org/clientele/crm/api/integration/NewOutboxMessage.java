package org.clientele.crm.api.integration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A message for an external system, to be delivered after the current transaction commits.
 *
 * @param target the system, e.g. {@code erp}, {@code store}, {@code email}
 * @param messageType what it says, e.g. {@code customer.changed}
 * @param orderingKey messages with the same key reach the target one after another in the order they were
 *     written, e.g. the customer id
 * @param payload the message body (canonical JSON)
 * @param correlationId carried from the change that caused it (null: a new one is assigned)
 */
public record NewOutboxMessage(
    @NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters") String target,
    @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String messageType,
    @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String orderingKey,
    @NotNull(message = "is required") @Size(max = 1_000_000, message = "must be at most 1,000,000 characters")
        String payload,
    @Size(max = 100, message = "must be at most 100 characters") String correlationId) {}

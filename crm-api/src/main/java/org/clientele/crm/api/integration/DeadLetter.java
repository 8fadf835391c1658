package org.clientele.crm.api.integration;

import java.time.Instant;
import java.util.Map;

/**
 * A message that could not be applied or delivered, with the original payload and the reason.
 *
 * @param system the external system, e.g. {@code erp}
 * @param routeId the route that gave up on it
 * @param messageKey the inbound idempotency key, or {@code outbox:<id>} for an outbound message
 * @param orderingKey the outbound ordering key (e.g. customer id), null for inbound
 * @param headers the message headers worth keeping for a replay (no credentials)
 * @param reasonType the kind of failure, e.g. the exception class
 * @param resolvedBy who replayed or discarded it
 * @param resolution the discard reason or the replay outcome
 */
public record DeadLetter(long id, MessageDirection direction, String system, String routeId, String messageType,
    String messageKey, String orderingKey, String payload, Map<String, String> headers, String reason,
    String reasonType, int attempts, String correlationId, DeadLetterStatus status, Instant createdAt,
    Instant updatedAt, String resolvedBy, String resolution, long version) {}

package org.clientele.crm.api.integration;

import java.time.Instant;

/**
 * A message waiting in the outbox.
 *
 * @param attempts failed deliveries so far
 * @param lastError why the last delivery failed (null before the first failure)
 */
public record OutboxMessage(long id, String target, String messageType, String orderingKey, String payload,
    String correlationId, Instant createdAt, int attempts, String lastError) {}

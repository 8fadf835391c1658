package org.clientele.crm.api.integration;

import java.time.Instant;

/**
 * The outbox of one target.
 *
 * @param pending messages not delivered yet
 * @param failing pending messages that failed at least once
 * @param oldestCreatedAt when the oldest pending message was written (null when none)
 */
public record OutboxStatus(String target, long pending, long failing, Instant oldestCreatedAt) {}

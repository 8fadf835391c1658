package org.clientele.crm.api.interaction;

import java.time.Instant;
import java.util.Map;

/** A recorded touchpoint; {@code conversationId} is null outside conversations. */
public record Interaction(
    long id,
    long customerId,
    Channel channel,
    InteractionType type,
    Direction direction,
    Instant occurredAt,
    String subject,
    String summary,
    Map<String, String> attributes,
    String agent,
    String sourceSystem,
    String sourceEventId,
    Instant recordedAt,
    Long conversationId) {}

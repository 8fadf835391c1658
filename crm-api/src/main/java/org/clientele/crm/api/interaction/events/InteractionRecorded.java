package org.clientele.crm.api.interaction.events;

import java.time.Instant;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.InteractionType;

/**
 * A touchpoint was recorded (not fired again for a duplicate of the same source event).
 *
 * @param conversationId the conversation it joined or opened; null outside conversations
 */
public record InteractionRecorded(long interactionId, long customerId, Channel channel, InteractionType type,
    Instant occurredAt, Long conversationId) {}

package org.clientele.crm.api.conversation.events;

import java.time.Instant;

/** A conversation was resolved; {@code resolutionSeconds} runs from its opening. */
public record ConversationResolved(long conversationId, long customerId, Instant resolvedAt, long resolutionSeconds,
    String assignedAgent, String assignedTeam) {}

package org.clientele.crm.api.conversation;

import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.interaction.Channel;

/**
 * A matter a customer raised, with every channel it went through.
 *
 * @param channels the channels the conversation used, in order of first use
 * @param firstResponseSeconds from opening to the company's first answer; null while unanswered
 * @param resolutionSeconds from opening to the latest resolution; null while not resolved
 * @param waitingSince the oldest customer message not answered yet; null when the company spoke last
 * @param version for {@code If-Match} on status and assignment changes
 */
public record Conversation(
    long id,
    long customerId,
    String subject,
    ConversationStatus status,
    String assignedAgent,
    String assignedTeam,
    List<Channel> channels,
    Instant openedAt,
    Instant firstResponseAt,
    Long firstResponseSeconds,
    Instant resolvedAt,
    Long resolutionSeconds,
    Instant lastActivityAt,
    Instant waitingSince,
    int interactionCount,
    int reopenCount,
    long version) {}

package org.clientele.crm.api.feedback;

import java.time.Instant;

/**
 * A recorded survey answer.
 *
 * @param negative at or beyond the kind's configured threshold
 * @param followUpId the follow-up negative feedback created
 */
public record Feedback(
    long id,
    long customerId,
    FeedbackKind kind,
    int score,
    String comment,
    Long interactionId,
    Long conversationId,
    Instant receivedAt,
    boolean negative,
    Long followUpId,
    String sourceSystem,
    String sourceEventId) {}

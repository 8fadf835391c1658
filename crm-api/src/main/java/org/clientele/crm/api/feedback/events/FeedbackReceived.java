package org.clientele.crm.api.feedback.events;

import java.time.Instant;
import org.clientele.crm.api.feedback.FeedbackKind;

/** Feedback was recorded for the first time. */
public record FeedbackReceived(long feedbackId, long customerId, FeedbackKind kind, int score, boolean negative,
    Long conversationId, Instant receivedAt) {}

package org.clientele.crm.api.followup;

import java.time.Instant;

/**
 * A task to get back to a customer.
 *
 * @param conversationId the conversation it is about, if any
 * @param feedbackId the feedback that caused it, if any
 * @param overdue not final and due before the time it was read
 * @param version for {@code If-Match} on changes
 */
public record FollowUp(
    long id,
    long customerId,
    Long conversationId,
    Long feedbackId,
    FollowUpReason reason,
    String title,
    String details,
    Instant dueAt,
    String assignee,
    FollowUpPriority priority,
    FollowUpStatus status,
    Instant createdAt,
    Instant completedAt,
    boolean overdue,
    long version) {}

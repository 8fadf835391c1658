package org.clientele.crm.api.followup.events;

import java.time.Instant;
import org.clientele.crm.api.followup.FollowUpPriority;
import org.clientele.crm.api.followup.FollowUpReason;

/** A follow-up was created, by hand or by a rule. */
public record FollowUpCreated(long followUpId, long customerId, Long conversationId, FollowUpReason reason,
    FollowUpPriority priority, String assignee, Instant dueAt) {}

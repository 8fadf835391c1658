package org.clientele.crm.api.followup;

import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Changes to a follow-up; a null field stays as it is. A final status cannot be left. */
public record FollowUpChange(
    FollowUpStatus status,
    @Size(max = 100, message = "must be at most 100 characters") String assignee,
    Instant dueAt,
    FollowUpPriority priority) {}

package org.clientele.crm.api.followup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A follow-up created by hand; {@code priority} defaults to NORMAL. */
public record NewFollowUp(
    long customerId,
    Long conversationId,
    @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters")
        String title,
    @Size(max = 4000, message = "must be at most 4000 characters") String details,
    @NotNull(message = "is required") Instant dueAt,
    @Size(max = 100, message = "must be at most 100 characters") String assignee,
    FollowUpPriority priority) {

  public NewFollowUp {
    priority = priority == null ? FollowUpPriority.NORMAL : priority;
  }
}

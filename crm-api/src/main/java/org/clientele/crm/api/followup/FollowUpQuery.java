package org.clientele.crm.api.followup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Which follow-ups to list, earliest due first, keyset-paged.
 *
 * @param statuses only these; empty for the ones still to do (OPEN and IN_PROGRESS)
 * @param overdueOnly only those due before now and not final
 * @param after the {@code nextCursor} of the previous page
 */
public record FollowUpQuery(
    Long customerId,
    @Size(max = 100, message = "must be at most 100 characters") String assignee,
    Set<FollowUpStatus> statuses,
    boolean overdueOnly,
    @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int limit,
    @Size(max = 200, message = "must be at most 200 characters") String after) {

  public FollowUpQuery {
    statuses = statuses == null || statuses.isEmpty() ? Set.of(FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)
        : Set.copyOf(statuses);
  }
}

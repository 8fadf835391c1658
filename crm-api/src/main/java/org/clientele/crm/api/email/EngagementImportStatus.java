package org.clientele.crm.api.email;

import java.time.Instant;
import java.util.List;

/**
 * The state of the engagement import of one audience: the last run, the totals, and the campaigns' checkpoints.
 *
 * @param requestedAt an operator asked for a run at this time (pending while after {@code lastStartedAt})
 * @param consecutiveFailures runs ended in RETRY or FAILED since the last successful one
 * @param last the last finished run, or null
 * @param recordedTotal activities recorded as interactions, over all runs (likewise the other totals)
 */
public record EngagementImportStatus(String platform, String audience, Instant requestedAt, Instant lastStartedAt,
    EngagementRunOutcome lastOutcome, int consecutiveFailures, EngagementRunResult last, long runsTotal,
    long recordedTotal, long duplicatesTotal, long unknownTotal, long errorsTotal,
    List<EngagementCheckpoint> campaigns) {

  public EngagementImportStatus {
    campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
  }
}

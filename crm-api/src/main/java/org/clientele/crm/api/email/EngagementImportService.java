package org.clientele.crm.api.email;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bookkeeping of importing campaign engagement (sends, opens, clicks, bounces, unsubscribes) from an
 * email-marketing platform's reports: the checkpoint per campaign, the runs' state and counts, and who a member
 * is. The platform adapter (an integration route) reads the reports and records the activities as interactions
 * ({@link org.clientele.crm.api.interaction.InteractionService}, idempotent by each activity's key). Every method
 * commits on its own. Available by CDI injection.
 */
public interface EngagementImportService {

  /** The audience's import state (an empty one before the first run). */
  EngagementImportStatus status(String platform, String audience);

  /** Asks for a run as soon as the import's next check (seconds), whatever the period. */
  EngagementImportStatus requestRun(String platform, String audience);

  /** A run begins (outcome {@code RUNNING}). */
  void runStarted(String platform, String audience, Instant at);

  /** A run ended: its result is kept as the last one and added to the totals and metrics. */
  void runFinished(String platform, String audience, EngagementRunResult result);

  /** The checkpoints of the audience's campaigns, by send time. */
  List<EngagementCheckpoint> checkpoints(String platform, String audience);

  /** Stores a campaign's checkpoint (insert or replace). */
  void saveCheckpoint(String platform, String audience, EngagementCheckpoint checkpoint);

  /** Drops the checkpoints of campaigns sent before the cutoff (out of the import's lookback). */
  int forgetCampaignsSentBefore(String platform, String audience, Instant cutoff);

  /**
   * The customer of a member: the one whose member on the audience has this key (Mailchimp: the subscriber
   * hash), else the profile with this email; empty when no customer has it.
   */
  Optional<Long> customerOf(String platform, String audience, String memberKey, String email);
}

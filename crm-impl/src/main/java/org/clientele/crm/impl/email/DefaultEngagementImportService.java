package org.clientele.crm.impl.email;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.email.EngagementCheckpoint;
import org.clientele.crm.api.email.EngagementImportService;
import org.clientele.crm.api.email.EngagementImportStatus;
import org.clientele.crm.api.email.EngagementRunOutcome;
import org.clientele.crm.api.email.EngagementRunResult;
import org.clientele.crm.impl.persistence.Jdbc;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The engagement import's checkpoints ({@code crm_email_engagement_campaign}) and runs
 * ({@code crm_email_engagement_run}); counts {@code crm_email_engagement_activities_total{platform, outcome}} and
 * {@code crm_email_engagement_runs_total{platform, outcome}}.
 */
@ApplicationScoped
public class DefaultEngagementImportService implements EngagementImportService {

  static final String ACTIVITIES = "crm.email.engagement.activities";
  static final String RUNS = "crm.email.engagement.runs";

  private static final String RUN_COLUMNS = "requested_at, last_started_at, last_finished_at, last_outcome,"
      + " last_error, consecutive_failures, last_campaigns, last_recorded, last_duplicates, last_unknown,"
      + " last_errors, recorded_total, duplicates_total, unknown_total, errors_total, runs_total";

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject CustomerService customers;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public EngagementImportStatus status(String platform, String audience) {
    check(platform, audience);
    return jdbc(c -> readStatus(c, platform, audience));
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public EngagementImportStatus requestRun(String platform, String audience) {
    check(platform, audience);
    return jdbc(c -> {
      ensureRun(c, platform, audience);
      try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_engagement_run SET requested_at = ?"
          + " WHERE platform = ? AND audience = ?")) {
        s.setObject(1, at(Instant.now()));
        s.setString(2, platform);
        s.setString(3, audience);
        s.executeUpdate();
      }
      return readStatus(c, platform, audience);
    });
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public void runStarted(String platform, String audience, Instant when) {
    check(platform, audience);
    jdbc(c -> {
      ensureRun(c, platform, audience);
      try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_engagement_run SET last_started_at = ?"
          + " WHERE platform = ? AND audience = ?")) {
        s.setObject(1, at(when));
        s.setString(2, platform);
        s.setString(3, audience);
        return s.executeUpdate();
      }
    });
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public void runFinished(String platform, String audience, EngagementRunResult r) {
    check(platform, audience);
    if (r == null || r.outcome() == null || r.outcome() == EngagementRunOutcome.RUNNING) {
      throw new InvalidInputException("result", "needs a final outcome");
    }
    boolean failed = r.outcome() == EngagementRunOutcome.RETRY || r.outcome() == EngagementRunOutcome.FAILED;
    jdbc(c -> {
      ensureRun(c, platform, audience);
      try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_engagement_run SET last_started_at = ?,"
          + " last_finished_at = ?, last_outcome = ?, last_error = ?,"
          + " consecutive_failures = " + (failed ? "consecutive_failures + 1" : "0") + ","
          + " last_campaigns = ?, last_recorded = ?, last_duplicates = ?, last_unknown = ?, last_errors = ?,"
          + " recorded_total = recorded_total + ?, duplicates_total = duplicates_total + ?,"
          + " unknown_total = unknown_total + ?, errors_total = errors_total + ?, runs_total = runs_total + 1"
          + " WHERE platform = ? AND audience = ?")) {
        int i = 1;
        s.setObject(i++, at(r.startedAt()));
        s.setObject(i++, at(r.finishedAt()));
        s.setString(i++, r.outcome().name());
        s.setString(i++, r.error() == null ? null : r.error().length() > 1000 ? r.error().substring(0, 1000)
            : r.error());
        s.setInt(i++, r.campaigns());
        for (long n : new long[] {r.recorded(), r.duplicates(), r.unknown(), r.errors(), r.recorded(),
            r.duplicates(), r.unknown(), r.errors()}) {
          s.setLong(i++, n);
        }
        s.setString(i++, platform);
        s.setString(i, audience);
        return s.executeUpdate();
      }
    });
    Tag p = new Tag("platform", platform);
    metrics.counter(ACTIVITIES, p, new Tag("outcome", "recorded")).inc(r.recorded());
    metrics.counter(ACTIVITIES, p, new Tag("outcome", "duplicate")).inc(r.duplicates());
    metrics.counter(ACTIVITIES, p, new Tag("outcome", "unknown")).inc(r.unknown());
    metrics.counter(ACTIVITIES, p, new Tag("outcome", "error")).inc(r.errors());
    metrics.counter(RUNS, p, new Tag("outcome", r.outcome().name().toLowerCase(Locale.ROOT))).inc();
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public List<EngagementCheckpoint> checkpoints(String platform, String audience) {
    check(platform, audience);
    return jdbc(c -> readCheckpoints(c, platform, audience));
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public void saveCheckpoint(String platform, String audience, EngagementCheckpoint cp) {
    check(platform, audience);
    if (cp == null || cp.campaignId() == null || cp.campaignId().isBlank() || cp.sendTime() == null) {
      throw new InvalidInputException("checkpoint", "campaignId and sendTime are required");
    }
    String title = cp.title() == null ? null : cp.title().length() > 300 ? cp.title().substring(0, 300) : cp.title();
    Instant updated = cp.updatedAt() == null ? Instant.now() : cp.updatedAt();
    jdbc(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_engagement_campaign SET title = ?,"
          + " send_time = ?, activity_since = ?, sent_to_done = ?, updated_at = ?"
          + " WHERE platform = ? AND audience = ? AND campaign_id = ?")) {
        s.setString(1, title);
        s.setObject(2, at(cp.sendTime()));
        s.setObject(3, at(cp.activitySince()));
        s.setBoolean(4, cp.sentToDone());
        s.setObject(5, at(updated));
        s.setString(6, platform);
        s.setString(7, audience);
        s.setString(8, cp.campaignId());
        if (s.executeUpdate() == 1) {
          return null;
        }
      }
      // a concurrent twin inserting the same campaign first fails this transaction: that run retries later
      try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_email_engagement_campaign (platform, audience,"
          + " campaign_id, title, send_time, activity_since, sent_to_done, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, platform);
        s.setString(2, audience);
        s.setString(3, cp.campaignId());
        s.setString(4, title);
        s.setObject(5, at(cp.sendTime()));
        s.setObject(6, at(cp.activitySince()));
        s.setBoolean(7, cp.sentToDone());
        s.setObject(8, at(updated));
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public int forgetCampaignsSentBefore(String platform, String audience, Instant cutoff) {
    check(platform, audience);
    return jdbc(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM crm_email_engagement_campaign"
          + " WHERE platform = ? AND audience = ? AND send_time < ?")) {
        s.setString(1, platform);
        s.setString(2, audience);
        s.setObject(3, at(cutoff));
        return s.executeUpdate();
      }
    });
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Long> customerOf(String platform, String audience, String memberKey, String email) {
    check(platform, audience);
    if (memberKey != null && !memberKey.isBlank()) {
      Optional<Long> member = jdbc(c -> EmailMemberStore.findByKey(c, platform, audience, memberKey))
          .map(m -> m.customerId());
      if (member.isPresent()) {
        return member;
      }
    }
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    if (memberKey == null || memberKey.isBlank()) {
      Optional<Long> member = jdbc(c -> EmailMemberStore.findByKey(c, platform, audience,
          EmailMemberStore.subscriberHash(email))).map(m -> m.customerId());
      if (member.isPresent()) {
        return member;
      }
    }
    return customers.findByEmail(email).map(CustomerProfile::id);
  }

  // ---- storage

  private static void check(String platform, String audience) {
    if (platform == null || platform.isBlank() || audience == null || audience.isBlank()) {
      throw new InvalidInputException("platform", "platform and audience are required");
    }
  }

  /** The audience's run row, created on first use (a concurrent twin's insert fails this transaction only). */
  private static void ensureRun(Connection c, String platform, String audience) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT 1 FROM crm_email_engagement_run WHERE platform = ? AND audience = ?")) {
      s.setString(1, platform);
      s.setString(2, audience);
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          return;
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_email_engagement_run (platform, audience, "
        + RUN_COLUMNS + ") VALUES (?, ?, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)")) {
      s.setString(1, platform);
      s.setString(2, audience);
      s.executeUpdate();
    }
  }

  private static EngagementImportStatus readStatus(Connection c, String platform, String audience)
      throws SQLException {
    List<EngagementCheckpoint> campaigns = readCheckpoints(c, platform, audience);
    try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS
        + " FROM crm_email_engagement_run WHERE platform = ? AND audience = ?")) {
      s.setString(1, platform);
      s.setString(2, audience);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return new EngagementImportStatus(platform, audience, null, null, null, 0, null, 0, 0, 0, 0, 0, campaigns);
        }
        String outcome = r.getString("last_outcome");
        Instant finished = instant(r, "last_finished_at");
        Instant started = instant(r, "last_started_at");
        EngagementRunResult last = finished == null || outcome == null ? null : new EngagementRunResult(
            started.isAfter(finished) ? null : started, finished, EngagementRunOutcome.valueOf(outcome),
            r.getString("last_error"),
            r.getInt("last_campaigns"), r.getLong("last_recorded"), r.getLong("last_duplicates"),
            r.getLong("last_unknown"), r.getLong("last_errors"));
        return new EngagementImportStatus(platform, audience, instant(r, "requested_at"), started,
            started != null && (finished == null || started.isAfter(finished)) ? EngagementRunOutcome.RUNNING
                : outcome == null ? null : EngagementRunOutcome.valueOf(outcome),
            r.getInt("consecutive_failures"), last,
            r.getLong("runs_total"), r.getLong("recorded_total"), r.getLong("duplicates_total"),
            r.getLong("unknown_total"), r.getLong("errors_total"), campaigns);
      }
    }
  }

  private static List<EngagementCheckpoint> readCheckpoints(Connection c, String platform, String audience)
      throws SQLException {
    List<EngagementCheckpoint> list = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT campaign_id, title, send_time, activity_since,"
        + " sent_to_done, updated_at FROM crm_email_engagement_campaign WHERE platform = ? AND audience = ?"
        + " ORDER BY send_time, campaign_id")) {
      s.setString(1, platform);
      s.setString(2, audience);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          list.add(new EngagementCheckpoint(r.getString("campaign_id"), r.getString("title"),
              instant(r, "send_time"), instant(r, "activity_since"), r.getBoolean("sent_to_done"),
              instant(r, "updated_at")));
        }
      }
    }
    return list;
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Engagement import storage", work);
  }
}

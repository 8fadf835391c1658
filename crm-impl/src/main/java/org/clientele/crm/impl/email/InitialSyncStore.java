package org.clientele.crm.impl.email;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.email.EmailInitialSync;
import org.clientele.crm.impl.persistence.Jdbc;

/** The crm_email_initial_sync table's operations (and the customer walk) on the caller's connection. */
final class InitialSyncStore {

  static final String RUNNING = "RUNNING";
  static final String COMPLETED = "COMPLETED";
  static final String FAILED = "FAILED";
  static final String CANCELLED = "CANCELLED";

  /** One row. */
  record Row(long id, String platform, String audience, String status, int chunkSize, long lastCustomerId,
      String pendingBatch, long considered, long submitted, long succeeded, long failed, long skipped, long batches,
      Long totalEstimate, Instant createdAt, Instant updatedAt, Instant finishedAt, String lastError,
      Instant runStartedAt, long runBase, String claimedBy, Instant claimedUntil) {

    EmailInitialSync view(Instant now) {
      double rate = 0;
      if (runStartedAt != null) {
        Instant end = RUNNING.equals(status) ? now : updatedAt;
        double seconds = Math.max(0.001, Duration.between(runStartedAt, end).toMillis() / 1000.0);
        rate = Math.max(0, considered - runBase) / seconds;
      }
      return new EmailInitialSync(id, platform, audience, status, chunkSize, lastCustomerId, considered, submitted,
          succeeded, failed, skipped, batches, totalEstimate, Math.round(rate * 100) / 100.0, createdAt,
          runStartedAt, updatedAt, finishedAt, lastError);
    }
  }

  /** A chunk's counts, added at its checkpoint. */
  record Counts(long considered, long submitted, long succeeded, long failed, long skipped) {}

  private static final String COLUMNS = "id, platform, audience, status, chunk_size, last_customer_id,"
      + " pending_batch, considered, submitted, succeeded, failed, skipped, batches, total_estimate, created_at,"
      + " updated_at, finished_at, last_error, run_started_at, run_base, claimed_by, claimed_until";

  private InitialSyncStore() {}

  /** @throws SQLException with SQL state 23505 when the audience already has a running sync */
  static long insert(Connection c, String platform, String audience, int chunkSize, Long total, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_email_initial_sync (platform, audience, status,"
        + " running_audience, chunk_size, last_customer_id, considered, submitted, succeeded, failed, skipped,"
        + " batches, total_estimate, created_at, updated_at, run_base) VALUES (?, ?, 'RUNNING', ?, ?, 0, 0, 0, 0, 0,"
        + " 0, 0, ?, ?, ?, 0)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, platform);
      s.setString(2, audience);
      s.setString(3, audience);
      s.setInt(4, chunkSize);
      s.setObject(5, total);
      s.setObject(6, at(now));
      s.setObject(7, at(now));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static Optional<Row> load(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_email_initial_sync WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  static List<Row> list(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_email_initial_sync"
        + " ORDER BY id DESC FETCH FIRST 200 ROWS ONLY")) {
      List<Row> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
      return out;
    }
  }

  /** Customers with an email (active profiles), counted. */
  static long countCustomers(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM crm_customer WHERE status = 'ACTIVE'"
        + " AND email IS NOT NULL");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** The next customers with an email after {@code afterId}, by id (keyset pagination). */
  static List<Long> customersAfter(Connection c, long afterId, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM crm_customer WHERE id > ? AND status = 'ACTIVE'"
        + " AND email IS NOT NULL ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")) {
      s.setLong(1, afterId);
      List<Long> ids = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
      return ids;
    }
  }

  /**
   * Claims RUNNING syncs whose lease lapsed (a crashed or stopped server's), or this worker's own (after a
   * restart of this server): a conditional update, so two servers never both win one.
   */
  static List<Long> claim(Connection c, String worker, Instant now, Instant until) throws SQLException {
    List<Long> candidates = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM crm_email_initial_sync WHERE status = 'RUNNING'"
        + " AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?) ORDER BY id")) {
      s.setObject(1, at(now));
      s.setString(2, worker);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          candidates.add(r.getLong(1));
        }
      }
    }
    List<Long> claimed = new ArrayList<>();
    // a run (the base of its rate) starts when a worker takes the sync over, not when its holder claims it again
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_initial_sync SET"
        + " run_started_at = CASE WHEN claimed_by = ? AND run_started_at IS NOT NULL THEN run_started_at ELSE ? END,"
        + " run_base = CASE WHEN claimed_by = ? AND run_started_at IS NOT NULL THEN run_base ELSE considered END,"
        + " claimed_by = ?, claimed_until = ?, updated_at = ? WHERE id = ?"
        + " AND status = 'RUNNING' AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)")) {
      for (Long id : candidates) {
        s.setString(1, worker);
        s.setObject(2, at(now));
        s.setString(3, worker);
        s.setString(4, worker);
        s.setObject(5, at(until));
        s.setObject(6, at(now));
        s.setLong(7, id);
        s.setObject(8, at(now));
        s.setString(9, worker);
        if (s.executeUpdate() == 1) {
          claimed.add(id);
        }
      }
    }
    return claimed;
  }

  /** Extends the worker's lease; false when the sync is no longer running or no longer its. */
  static boolean renew(Connection c, long id, String worker, Instant until) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_initial_sync SET claimed_until = ? WHERE id = ?"
        + " AND status = 'RUNNING' AND claimed_by = ?")) {
      s.setObject(1, at(until));
      s.setLong(2, id);
      s.setString(3, worker);
      return s.executeUpdate() == 1;
    }
  }

  /** The chunk's batch was submitted (still the worker's). */
  static boolean pending(Connection c, long id, String worker, String batch, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_initial_sync SET pending_batch = ?,"
        + " updated_at = ? WHERE id = ? AND status = 'RUNNING' AND claimed_by = ?")) {
      s.setString(1, batch);
      s.setObject(2, at(now));
      s.setLong(3, id);
      s.setString(4, worker);
      return s.executeUpdate() == 1;
    }
  }

  /** The checkpoint after a chunk: its last customer, its counts added, the batch done; only the worker's. */
  static boolean checkpoint(Connection c, long id, String worker, long lastCustomerId, Counts n, boolean batch,
      Instant now, Instant until) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_initial_sync SET last_customer_id = ?,"
        + " pending_batch = NULL, considered = considered + ?, submitted = submitted + ?, succeeded = succeeded + ?,"
        + " failed = failed + ?, skipped = skipped + ?, batches = batches + ?, updated_at = ?, claimed_until = ?"
        + " WHERE id = ? AND status = 'RUNNING' AND claimed_by = ?")) {
      s.setLong(1, lastCustomerId);
      s.setLong(2, n.considered());
      s.setLong(3, n.submitted());
      s.setLong(4, n.succeeded());
      s.setLong(5, n.failed());
      s.setLong(6, n.skipped());
      s.setLong(7, batch ? 1 : 0);
      s.setObject(8, at(now));
      s.setObject(9, at(until));
      s.setLong(10, id);
      s.setString(11, worker);
      return s.executeUpdate() == 1;
    }
  }

  static void error(Connection c, long id, String error, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_initial_sync SET last_error = ?, updated_at = ?"
        + " WHERE id = ?")) {
      s.setString(1, Jdbc.truncated(error));
      s.setObject(2, at(now));
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  /**
   * Ends a run: COMPLETED, FAILED or CANCELLED (the checkpoint stays); only from RUNNING and, when a worker is
   * given, only by the worker holding the claim.
   */
  static boolean finish(Connection c, long id, String worker, String status, String error, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_initial_sync SET status = ?,"
        + " running_audience = NULL, claimed_by = NULL, claimed_until = NULL, finished_at = ?, updated_at = ?"
        + (error == null ? "" : ", last_error = ?") + " WHERE id = ? AND status = 'RUNNING'"
        + (worker == null ? "" : " AND claimed_by = ?"))) {
      int i = 1;
      s.setString(i++, status);
      s.setObject(i++, at(now));
      s.setObject(i++, at(now));
      if (error != null) {
        s.setString(i++, Jdbc.truncated(error));
      }
      s.setLong(i++, id);
      if (worker != null) {
        s.setString(i, worker);
      }
      return s.executeUpdate() == 1;
    }
  }

  /**
   * FAILED or CANCELLED → RUNNING from the checkpoint, unclaimed.
   *
   * @throws SQLException with SQL state 23505 when another sync of the audience is running
   */
  static boolean resume(Connection c, long id, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_email_initial_sync SET status = 'RUNNING',"
        + " running_audience = audience, claimed_by = NULL, claimed_until = NULL, finished_at = NULL,"
        + " updated_at = ? WHERE id = ? AND status IN ('FAILED', 'CANCELLED')")) {
      s.setObject(1, at(now));
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    }
  }

  private static Row row(ResultSet r) throws SQLException {
    long total = r.getLong("total_estimate");
    Long estimate = r.wasNull() ? null : total;
    return new Row(r.getLong("id"), r.getString("platform"), r.getString("audience"), r.getString("status"),
        r.getInt("chunk_size"), r.getLong("last_customer_id"), r.getString("pending_batch"), r.getLong("considered"),
        r.getLong("submitted"), r.getLong("succeeded"), r.getLong("failed"), r.getLong("skipped"),
        r.getLong("batches"), estimate, instant(r, "created_at"), instant(r, "updated_at"),
        instant(r, "finished_at"), r.getString("last_error"), instant(r, "run_started_at"), r.getLong("run_base"),
        r.getString("claimed_by"), instant(r, "claimed_until"));
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}

package org.clientele.crm.impl.integration;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.api.integration.OutboxMessage;
import org.clientele.crm.api.integration.OutboxStatus;
import org.clientele.crm.api.integration.RetryPolicy;
import org.clientele.crm.impl.persistence.Jdbc;

/** The outbox table's operations on the caller's connection and transaction. */
final class OutboxStore {

  private static final String COLUMNS = "id, target, message_type, ordering_key, payload, correlation_id,"
      + " created_at, attempts, last_error";

  private OutboxStore() {}

  static long insert(Connection c, NewOutboxMessage m, String correlationId, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_outbox (target, message_type, ordering_key,"
        + " payload, correlation_id, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, m.target());
      s.setString(2, m.messageType());
      s.setString(3, m.orderingKey());
      s.setString(4, m.payload());
      s.setString(5, correlationId);
      s.setObject(6, at(now));
      s.setObject(7, at(now));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static boolean replacePayload(Connection c, long id, String payload) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_outbox SET payload = ? WHERE id = ?")) {
      s.setString(1, payload);
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    }
  }

  static List<String> targetsOf(Connection c, String orderingKey) throws SQLException {
    List<String> targets = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT target FROM crm_outbox WHERE ordering_key = ? UNION"
        + " SELECT system_name FROM crm_dead_letter WHERE direction = 'OUTBOUND' AND ordering_key = ?")) {
      s.setString(1, orderingKey);
      s.setString(2, orderingKey);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          targets.add(r.getString(1));
        }
      }
    }
    return targets;
  }

  /** Drops the waiting messages of an ordering key except those of the given type (erasure). */
  static int deletePending(Connection c, String orderingKey, String keepType) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM crm_outbox WHERE ordering_key = ? AND message_type <> ?")) {
      s.setString(1, orderingKey);
      s.setString(2, keepType);
      return s.executeUpdate();
    }
  }

  /**
   * Claims the due heads of their ordering keys: a message is due when its delay has passed, nobody holds a
   * live claim on it, and no older message of its key is still waiting. Each claim is a conditional update,
   * so two relays never both win the same message.
   */
  static List<OutboxMessage> claim(Connection c, String target, String relay, int limit, Instant now,
      Instant until) throws SQLException {
    List<OutboxMessage> candidates = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_outbox o WHERE o.target = ?"
        + " AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until < ?)"
        + " AND NOT EXISTS (SELECT 1 FROM crm_outbox e WHERE e.target = o.target AND e.ordering_key ="
        + " o.ordering_key AND e.id < o.id) ORDER BY o.id FETCH FIRST " + limit + " ROWS ONLY")) {
      s.setString(1, target);
      s.setObject(2, at(now));
      s.setObject(3, at(now));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          candidates.add(read(r));
        }
      }
    }
    List<OutboxMessage> claimed = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_outbox SET claimed_by = ?, claimed_until = ?"
        + " WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ?)")) {
      for (OutboxMessage m : candidates) {
        s.setString(1, relay);
        s.setObject(2, at(until));
        s.setLong(3, m.id());
        s.setObject(4, at(now));
        if (s.executeUpdate() == 1) {
          claimed.add(m);
        }
      }
    }
    return claimed;
  }

  /**
   * Refreshes the planner's statistics of crm_outbox (PostgreSQL; a no-op elsewhere). The claim's anti-join is
   * planned from them: planned while the table was nearly empty and then hit by a burst of thousands of rows, it
   * scanned the primary key for every candidate (9 s per claim, measured) until autovacuum analyzed the table
   * a minute or two later.
   */
  static void analyze(Connection c) throws SQLException {
    if (c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE crm_outbox");
      }
    }
  }

  /** Removes a delivered message; false if the relay no longer holds it (its claim expired and was taken). */
  static boolean delete(Connection c, long id, String relay) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM crm_outbox WHERE id = ? AND claimed_by = ?")) {
      s.setLong(1, id);
      s.setString(2, relay);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Records a failed delivery: schedules the next attempt, or moves the message to the dead letters once the
   * policy's attempts are used up.
   *
   * @return true if it was parked
   */
  static boolean fail(Connection c, long id, String relay, String error, RetryPolicy policy, Instant now)
      throws SQLException {
    Optional<OutboxMessage> found = find(c, id);
    if (found.isEmpty()) {
      return false;
    }
    OutboxMessage m = found.get();
    int attempts = m.attempts() + 1;
    String reason = error == null ? "delivery failed" : Jdbc.truncated(error);
    if (attempts >= policy.maxAttempts()) {
      DeadLetterStore.insert(c, new NewDeadLetter(MessageDirection.OUTBOUND, m.target(), relay, m.messageType(),
          "outbox:" + m.id(), m.orderingKey(), m.payload(), Map.of(), reason, "delivery", attempts,
          m.correlationId()), now);
      try (PreparedStatement s = c.prepareStatement("DELETE FROM crm_outbox WHERE id = ?")) {
        s.setLong(1, id);
        s.executeUpdate();
      }
      return true;
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_outbox SET attempts = ?, last_error = ?,"
        + " next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?")) {
      s.setInt(1, attempts);
      s.setString(2, reason);
      s.setObject(3, at(now.plus(policy.delayAfter(attempts))));
      s.setLong(4, id);
      s.executeUpdate();
    }
    return false;
  }

  static Optional<OutboxMessage> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_outbox WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  static List<OutboxStatus> status(Connection c) throws SQLException {
    List<OutboxStatus> status = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT target, COUNT(*), SUM(CASE WHEN attempts > 0 THEN 1"
        + " ELSE 0 END), MIN(created_at) FROM crm_outbox GROUP BY target ORDER BY target");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        OffsetDateTime oldest = r.getObject(4, OffsetDateTime.class);
        status.add(new OutboxStatus(r.getString(1), r.getLong(2), r.getLong(3),
            oldest == null ? null : oldest.toInstant()));
      }
    }
    return status;
  }

  private static OutboxMessage read(ResultSet r) throws SQLException {
    return new OutboxMessage(r.getLong("id"), r.getString("target"), r.getString("message_type"),
        r.getString("ordering_key"), r.getString("payload"), r.getString("correlation_id"),
        r.getObject("created_at", OffsetDateTime.class).toInstant(), r.getInt("attempts"), r.getString("last_error"));
  }
}

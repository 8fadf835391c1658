package org.clientele.crm.impl.store;

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
import java.util.Optional;
import org.clientele.crm.api.store.StoreDelivery;
import org.clientele.crm.api.store.StoreDeliveryCount;
import org.clientele.crm.api.store.StoreDeliveryQuery;
import org.clientele.crm.api.store.StoreDeliveryStatus;
import org.clientele.crm.impl.persistence.Jdbc;

/** The crm_store_delivery table's operations on the caller's connection and transaction. */
final class DeliveryStore {

  private static final String VIEW = "id, store, shop, topic, event_id, webhook_id, triggered_at, api_version,"
      + " received_at, status, attempts, last_error, processed_at, correlation_id";

  private DeliveryStore() {}

  static long insert(Connection c, DeliveryEnvelope e, String payload, StoreDeliveryStatus status, String reason,
      String correlationId, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_store_delivery (store, shop, topic, event_id,"
        + " webhook_id, triggered_at, api_version, received_at, payload, status, attempts, next_attempt_at,"
        + " last_error, processed_at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, e.store());
      s.setString(2, e.shop());
      s.setString(3, e.topic());
      s.setString(4, e.eventId());
      s.setString(5, e.webhookId());
      s.setObject(6, at(e.triggeredAt()));
      s.setString(7, e.apiVersion());
      s.setObject(8, at(now));
      s.setString(9, payload);
      s.setString(10, status.name());
      s.setObject(11, at(now));
      s.setString(12, reason);
      s.setObject(13, status == StoreDeliveryStatus.RECEIVED ? null : at(now));
      s.setString(14, correlationId);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static Optional<Long> findByEvent(Connection c, String store, String shop, String eventId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id FROM crm_store_delivery WHERE store = ? AND shop = ? AND event_id = ?")) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setString(3, eventId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  /**
   * Claims due RECEIVED deliveries, oldest first: each claim is a conditional update on a lapsed (or absent)
   * claim, so two workers (two servers) never both win one delivery; a crashed worker's claim lapses.
   */
  static List<Long> claim(Connection c, String worker, int limit, Instant now, Instant until) throws SQLException {
    List<Long> candidates = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM crm_store_delivery WHERE status = 'RECEIVED'"
        + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id"
        + " FETCH FIRST " + limit + " ROWS ONLY")) {
      s.setObject(1, at(now));
      s.setObject(2, at(now));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          candidates.add(r.getLong(1));
        }
      }
    }
    List<Long> claimed = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_delivery SET claimed_by = ?, claimed_until = ?"
        + " WHERE id = ? AND status = 'RECEIVED' AND (claimed_until IS NULL OR claimed_until < ?)")) {
      for (Long id : candidates) {
        s.setString(1, worker);
        s.setObject(2, at(until));
        s.setLong(3, id);
        s.setObject(4, at(now));
        if (s.executeUpdate() == 1) {
          claimed.add(id);
        }
      }
    }
    return claimed;
  }

  /**
   * The delivery if this worker still holds its claim (the lease keeps other workers away), locked for the rest of
   * the applying transaction: should the claim lapse meanwhile (an apply slower than the lease), another worker's
   * claim waits for this transaction and then finds the delivery settled, so it is never applied twice.
   */
  static Optional<StoredDelivery> loadClaimed(Connection c, long id, String worker) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, store, shop, topic, event_id, triggered_at, payload,"
        + " attempts, correlation_id FROM crm_store_delivery WHERE id = ? AND status = 'RECEIVED'"
        + " AND claimed_by = ? FOR UPDATE")) {
      s.setLong(1, id);
      s.setString(2, worker);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(stored(r)) : Optional.empty();
      }
    }
  }

  /** Any delivery with its payload, whatever its status (dead-letter replays). */
  static Optional<StoredDelivery> load(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, store, shop, topic, event_id, triggered_at, payload,"
        + " attempts, correlation_id FROM crm_store_delivery WHERE id = ? FOR UPDATE")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(stored(r)) : Optional.empty();
      }
    }
  }

  private static StoredDelivery stored(ResultSet r) throws SQLException {
    OffsetDateTime t = r.getObject("triggered_at", OffsetDateTime.class);
    return new StoredDelivery(r.getLong("id"), r.getString("store"), r.getString("shop"), r.getString("topic"),
        r.getString("event_id"), t == null ? null : t.toInstant(), r.getString("payload"), r.getInt("attempts"),
        r.getString("correlation_id"));
  }

  /** Final status (PROCESSED, SKIPPED or FAILED), counting the attempt and releasing the claim. */
  static void settle(Connection c, long id, StoreDeliveryStatus status, String reason, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_delivery SET status = ?, last_error = ?,"
        + " processed_at = ?, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL WHERE id = ?")) {
      s.setString(1, status.name());
      s.setString(2, Jdbc.truncated(reason));
      s.setObject(3, at(now));
      s.setLong(4, id);
      s.executeUpdate();
    }
  }

  /** A failed attempt to be retried at {@code next}. */
  static void retry(Connection c, long id, int attempts, String error, Instant next) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_delivery SET attempts = ?, last_error = ?,"
        + " next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?")) {
      s.setInt(1, attempts);
      s.setString(2, Jdbc.truncated(error));
      s.setObject(3, at(next));
      s.setLong(4, id);
      s.executeUpdate();
    }
  }

  /** Drops the payloads of a shop's deliveries that mention a text (erasure of a store customer or order). */
  static int blankPayloadsMentioning(Connection c, String store, String shop, String text) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_delivery SET payload = NULL WHERE store = ?"
        + " AND shop = ? AND payload LIKE ?")) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setString(3, "%" + text.replace("\\", "").replace("%", "").replace("_", "\\_") + "%");
      return s.executeUpdate();
    }
  }

  /** Drops the payloads of a shop's deliveries (shop redaction); the envelopes stay for the record. */
  static int blankPayloads(Connection c, String store, String shop) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE crm_store_delivery SET payload = NULL WHERE store = ? AND shop = ? AND payload IS NOT NULL")) {
      s.setString(1, store);
      s.setString(2, shop);
      return s.executeUpdate();
    }
  }

  static List<StoreDelivery> list(Connection c, StoreDeliveryQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + VIEW + " FROM crm_store_delivery WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.store() != null) {
      sql.append(" AND store = ?");
      args.add(q.store());
    }
    if (q.shop() != null) {
      sql.append(" AND shop = ?");
      args.add(q.shop());
    }
    if (q.topic() != null) {
      sql.append(" AND topic = ?");
      args.add(q.topic());
    }
    if (q.status() != null) {
      sql.append(" AND status = ?");
      args.add(q.status().name());
    }
    if (q.afterId() != null) {
      sql.append(" AND id < ?");
      args.add(q.afterId());
    }
    sql.append(" ORDER BY id DESC FETCH FIRST ").append(q.limit()).append(" ROWS ONLY");
    List<StoreDelivery> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(view(r));
        }
      }
    }
    return out;
  }

  static Optional<StoreDelivery> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + VIEW + " FROM crm_store_delivery WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(view(r)) : Optional.empty();
      }
    }
  }

  static List<StoreDeliveryCount> counts(Connection c) throws SQLException {
    List<StoreDeliveryCount> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT store, shop, topic, status, COUNT(*) FROM"
        + " crm_store_delivery GROUP BY store, shop, topic, status ORDER BY store, shop, topic, status");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new StoreDeliveryCount(r.getString(1), r.getString(2), r.getString(3),
            StoreDeliveryStatus.valueOf(r.getString(4)), r.getLong(5)));
      }
    }
    return out;
  }

  private static StoreDelivery view(ResultSet r) throws SQLException {
    return new StoreDelivery(r.getLong("id"), r.getString("store"), r.getString("shop"), r.getString("topic"),
        r.getString("event_id"), r.getString("webhook_id"), instant(r, "triggered_at"), r.getString("api_version"),
        instant(r, "received_at"), StoreDeliveryStatus.valueOf(r.getString("status")), r.getInt("attempts"),
        r.getString("last_error"), instant(r, "processed_at"), r.getString("correlation_id"));
  }

  static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}

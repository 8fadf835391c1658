package org.clientele.crm.impl.integration;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterQuery;
import org.clientele.crm.api.integration.DeadLetterStatus;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;

/** The dead-letter table's operations on the caller's connection and transaction. */
final class DeadLetterStore {

  private static final String COLUMNS = "id, direction, system_name, route_id, message_type, message_key,"
      + " ordering_key, payload, headers, reason, reason_type, attempts, correlation_id, status, created_at,"
      + " updated_at, resolved_by, resolution, version";

  private DeadLetterStore() {}

  static long insert(Connection c, NewDeadLetter d, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_dead_letter (direction, system_name, route_id,"
        + " message_type, message_key, ordering_key, payload, headers, reason, reason_type, attempts,"
        + " correlation_id, status, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        + " 'PARKED', ?, ?, 1)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, d.direction().name());
      s.setString(2, d.system());
      s.setString(3, cut(d.routeId(), 100));
      s.setString(4, d.messageType() == null ? "unknown" : cut(d.messageType(), 100));
      s.setString(5, cut(d.messageKey(), 300));
      s.setString(6, cut(d.orderingKey(), 100));
      s.setString(7, d.payload() == null ? "" : d.payload());
      s.setString(8, d.headers().isEmpty() ? null : cut(toJson(d.headers()), 10_000));
      s.setString(9, d.reason() == null ? "unknown" : cut(d.reason(), 2000));
      s.setString(10, cut(d.reasonType(), 200));
      s.setInt(11, d.attempts());
      s.setString(12, cut(d.correlationId(), 100));
      s.setObject(13, at(now));
      s.setObject(14, at(now));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static int deleteOutbound(Connection c, String system, String orderingKey) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM crm_dead_letter WHERE direction = 'OUTBOUND'"
        + " AND system_name = ? AND ordering_key = ?")) {
      s.setString(1, system);
      s.setString(2, orderingKey);
      return s.executeUpdate();
    }
  }

  static Optional<DeadLetter> find(Connection c, long id, boolean lock) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_dead_letter WHERE id = ?"
        + (lock ? " FOR UPDATE" : ""))) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  static List<DeadLetter> list(Connection c, DeadLetterQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM crm_dead_letter WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    if (q.system() != null) {
      sql.append(" AND system_name = ?");
      parameters.add(q.system());
    }
    if (q.direction() != null) {
      sql.append(" AND direction = ?");
      parameters.add(q.direction().name());
    }
    if (q.status() != null) {
      sql.append(" AND status = ?");
      parameters.add(q.status().name());
    }
    if (q.messageType() != null) {
      sql.append(" AND message_type = ?");
      parameters.add(q.messageType());
    }
    if (q.routeId() != null) {
      sql.append(" AND route_id = ?");
      parameters.add(q.routeId());
    }
    if (q.afterId() != null) {
      sql.append(" AND id < ?");
      parameters.add(q.afterId());
    }
    sql.append(" ORDER BY id DESC FETCH FIRST ").append(q.limit() + 1).append(" ROWS ONLY");
    List<DeadLetter> letters = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        s.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          letters.add(read(r));
        }
      }
    }
    return letters;
  }

  static void resolve(Connection c, long id, DeadLetterStatus status, String by, String resolution, String reason,
      int attempts, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_dead_letter SET status = ?, resolved_by = ?,"
        + " resolution = ?, reason = ?, attempts = ?, updated_at = ?, version = version + 1 WHERE id = ?")) {
      s.setString(1, status.name());
      s.setString(2, cut(by, 200));
      s.setString(3, cut(resolution, 2000));
      s.setString(4, cut(reason, 2000));
      s.setInt(5, attempts);
      s.setObject(6, at(now));
      s.setLong(7, id);
      s.executeUpdate();
    }
  }

  static Map<String, Map<DeadLetterStatus, Long>> counts(Connection c) throws SQLException {
    Map<String, Map<DeadLetterStatus, Long>> counts = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT system_name, status, COUNT(*) FROM crm_dead_letter"
        + " GROUP BY system_name, status ORDER BY system_name, status");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        counts.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
            .put(DeadLetterStatus.valueOf(r.getString(2)), r.getLong(3));
      }
    }
    return counts;
  }

  /**
   * Headers as a JSON object. JSON-P rather than JSON-B: parking runs on integration threads (JMS listeners) too,
   * whose context class loader cannot load the server's JSON-B provider.
   */
  static String toJson(Map<String, String> headers) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    headers.forEach((name, value) -> {
      if (value != null) {
        json.add(name, value);
      }
    });
    return json.build().toString();
  }

  static Map<String, String> fromJson(String headers) {
    Map<String, String> parsed = new HashMap<>();
    try (var reader = Json.createReader(new StringReader(headers))) {
      reader.readObject().forEach((name, value) ->
          parsed.put(name, value instanceof JsonString text ? text.getString() : value.toString()));
    }
    return parsed;
  }

  private static DeadLetter read(ResultSet r) throws SQLException {
    String headers = r.getString("headers");
    Map<String, String> parsed = headers == null ? Map.of() : fromJson(headers);
    return new DeadLetter(r.getLong("id"), MessageDirection.valueOf(r.getString("direction")),
        r.getString("system_name"), r.getString("route_id"), r.getString("message_type"), r.getString("message_key"),
        r.getString("ordering_key"), r.getString("payload"), parsed, r.getString("reason"), r.getString("reason_type"),
        r.getInt("attempts"), r.getString("correlation_id"), DeadLetterStatus.valueOf(r.getString("status")),
        r.getObject("created_at", OffsetDateTime.class).toInstant(),
        r.getObject("updated_at", OffsetDateTime.class).toInstant(), r.getString("resolved_by"),
        r.getString("resolution"), r.getLong("version"));
  }

  static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}

package org.clientele.crm.impl.segment;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.segment.SegmentKind;
import org.clientele.crm.api.segment.SegmentRule;
import org.clientele.crm.impl.persistence.JsonBinding;

/**
 * Segment definitions in crm_segment, over plain JDBC on the caller's connection (and transaction): the
 * membership engine works on the same rows with row locks and set-based statements, which a JPA cache would
 * only get in the way of. Rules are stored as JSON-B documents of {@link SegmentRule}.
 */
final class SegmentStore {

  private static final String COLUMNS = "id, segment_key, name, description, kind, rule_json, member_count,"
      + " evaluated_at, changed_at, version, created_at, updated_at";

  private SegmentStore() {}

  static String ruleJson(SegmentRule rule) {
    return rule == null ? null : JsonBinding.get().toJson(rule);
  }

  static SegmentRule rule(String json) {
    return json == null ? null : JsonBinding.get().fromJson(json, SegmentRule.class);
  }

  static Optional<StoredSegment> find(Connection c, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_segment WHERE segment_key = ?")) {
      s.setString(1, key);
      return one(s);
    }
  }

  static Optional<StoredSegment> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_segment WHERE id = ?")) {
      s.setLong(1, id);
      return one(s);
    }
  }

  /**
   * Locks the segment's row until the transaction ends: every membership change of a segment happens under
   * this lock, so recomputations, incremental updates and hand edits of one segment run one after another.
   */
  static Optional<StoredSegment> lock(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_segment WHERE id = ? FOR UPDATE")) {
      s.setLong(1, id);
      return one(s);
    }
  }

  /** Every segment, by key. */
  static List<StoredSegment> all(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_segment ORDER BY segment_key")) {
      List<StoredSegment> segments = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          segments.add(read(r));
        }
      }
      return segments;
    }
  }

  static long insert(Connection c, String key, String name, String description, SegmentKind kind, SegmentRule rule,
      Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment (segment_key, name, description, kind,"
        + " rule_json, member_count, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, key);
      s.setString(2, name);
      s.setString(3, description);
      s.setString(4, kind.name());
      s.setString(5, ruleJson(rule));
      s.setObject(6, at(now));
      s.setObject(7, at(now));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Writes the definition and raises the version; false if the row is gone. */
  static boolean update(Connection c, long id, String name, String description, SegmentRule rule, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_segment SET name = ?, description = ?, rule_json = ?,"
        + " version = version + 1, updated_at = ? WHERE id = ?")) {
      s.setString(1, name);
      s.setString(2, description);
      s.setString(3, ruleJson(rule));
      s.setObject(4, at(now));
      s.setLong(5, id);
      return s.executeUpdate() == 1;
    }
  }

  /** Deletes the segment with its membership history. */
  static void delete(Connection c, long id) throws SQLException {
    for (String sql : List.of("DELETE FROM crm_segment_member WHERE segment_id = ?",
        "DELETE FROM crm_segment_work WHERE segment_id = ?", "DELETE FROM crm_segment WHERE id = ?")) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setLong(1, id);
        s.executeUpdate();
      }
    }
  }

  /**
   * The segments in evaluation order: every segment after the segments its rule refers to, otherwise by id.
   * Rules are checked for cycles when stored; a cycle that slipped in anyway (e.g. by hand edits of the table)
   * is broken by id order rather than looping.
   */
  static List<StoredSegment> inEvaluationOrder(List<StoredSegment> segments) {
    Map<String, StoredSegment> byKey = new HashMap<>();
    segments.forEach(g -> byKey.put(g.key(), g));
    Map<String, StoredSegment> ordered = new LinkedHashMap<>();
    Set<String> visiting = new java.util.HashSet<>();
    segments.stream().sorted(Comparator.comparingLong(StoredSegment::id))
        .forEach(g -> visit(g, byKey, ordered, visiting));
    return List.copyOf(ordered.values());
  }

  private static void visit(StoredSegment segment, Map<String, StoredSegment> byKey,
      Map<String, StoredSegment> ordered, Set<String> visiting) {
    if (ordered.containsKey(segment.key()) || !visiting.add(segment.key())) {
      return;
    }
    if (segment.rule() != null) {
      for (String reference : SegmentRuleValidator.referencedSegments(segment.rule())) {
        StoredSegment referenced = byKey.get(reference);
        if (referenced != null) {
          visit(referenced, byKey, ordered, visiting);
        }
      }
    }
    ordered.put(segment.key(), segment);
  }

  /** The keys of the segments whose rules refer to the given one, directly or through others. */
  static Set<String> dependents(List<StoredSegment> segments, String key) {
    Set<String> found = new java.util.LinkedHashSet<>();
    boolean grown = true;
    while (grown) {
      grown = false;
      for (StoredSegment g : segments) {
        if (g.rule() == null || found.contains(g.key())) {
          continue;
        }
        Set<String> references = SegmentRuleValidator.referencedSegments(g.rule());
        if (references.contains(key) || references.stream().anyMatch(found::contains)) {
          grown |= found.add(g.key());
        }
      }
    }
    return found;
  }

  /** A catalog over these segments and attribute definitions, for validating and compiling rules. */
  static SegmentCatalog catalog(List<StoredSegment> segments, List<AttributeDefinition> attributes) {
    Map<String, SegmentCatalog.Segment> byKey = new HashMap<>();
    segments.forEach(g -> byKey.put(g.key(), new SegmentCatalog.Segment(g.key(), g.rule(), g.id())));
    Map<String, AttributeDefinition> attributeByKey = new HashMap<>();
    attributes.forEach(a -> attributeByKey.put(a.key(), a));
    return new SegmentCatalog() {
      @Override
      public Optional<Segment> segment(String key) {
        return Optional.ofNullable(byKey.get(key));
      }

      @Override
      public Optional<AttributeDefinition> attribute(String key) {
        return Optional.ofNullable(attributeByKey.get(key));
      }
    };
  }

  static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static void setInstant(PreparedStatement s, int index, Instant instant) throws SQLException {
    if (instant == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, at(instant));
    }
  }

  private static Optional<StoredSegment> one(PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(read(r)) : Optional.empty();
    }
  }

  private static StoredSegment read(ResultSet r) throws SQLException {
    return new StoredSegment(r.getLong("id"), r.getString("segment_key"), r.getString("name"),
        r.getString("description"), SegmentKind.valueOf(r.getString("kind")), rule(r.getString("rule_json")),
        r.getLong("member_count"), instant(r, "evaluated_at"), instant(r, "changed_at"), r.getLong("version"),
        instant(r, "created_at"), instant(r, "updated_at"));
  }
}

package org.clientele.crm.impl.segment;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.clientele.crm.api.ResourceNotFoundException;

/**
 * Membership changes of one segment on the caller's connection and transaction, always under the segment row's
 * lock ({@link SegmentStore#lock}), so that recomputations, incremental updates and hand edits of a segment
 * never interleave.
 *
 * <p>Every change is stamped with one time, later than the segment's previous stamp
 * ({@code crm_segment.changed_at}): the entries and exits of a change are then exactly the rows with
 * {@code entered_at} or {@code left_at} equal to its stamp, which is how {@link #changesAt} finds them to
 * announce after commit, without holding them in memory.
 */
final class MembershipUpdater {

  /** What a full recomputation changed. */
  record Recomputed(Instant at, long entered, long exited, long members) {}

  /** What an incremental or hand change did, customer by customer (small by construction). */
  record Changes(long segmentId, String segmentKey, Instant at, List<Long> entered, List<Long> exited) {

    boolean isEmpty() {
      return entered.isEmpty() && exited.isEmpty();
    }
  }

  private MembershipUpdater() {}

  /**
   * The time this change records: now (to the microsecond both databases keep), or just after the segment's
   * previous change if the clock has not moved past it.
   */
  static Instant stamp(StoredSegment locked, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    Instant previous = locked.changedAt();
    return previous != null && !at.isAfter(previous) ? previous.plus(1, ChronoUnit.MICROS) : at;
  }

  static StoredSegment lock(Connection c, long segmentId) throws SQLException {
    return SegmentStore.lock(c, segmentId).orElseThrow(() -> new ResourceNotFoundException("Segment", segmentId));
  }

  /**
   * Recomputes the membership in full inside the database: the rule's selection goes to crm_segment_work, then
   * members it no longer selects leave (an anti-join), the current members are taken out of the scratch rows and
   * the rest enter; nothing is loaded into Java.
   *
   * @param rule the segment's compiled rule (not scoped)
   */
  static Recomputed recompute(Connection c, long segmentId, CompiledRule rule, Instant now) throws SQLException {
    StoredSegment segment = lock(c, segmentId);
    Instant at = stamp(segment, now);
    update(c, "DELETE FROM crm_segment_work WHERE segment_id = ?", segmentId);
    if (isPostgres(c)) {
      // A rule with OR-ed subqueries is estimated costly enough to switch JIT compilation on, which took a third
      // of such a recompute (74-116 ms of 354 ms on 1M customers) and bought nothing; for this transaction only.
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("SET LOCAL jit = off");
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO crm_segment_work (segment_id, customer_id) SELECT CAST(? AS BIGINT), q.id FROM (" + rule.sql()
            + ") q")) {
      s.setLong(1, segmentId);
      rule.bind(s, 2);
      long selected = s.executeUpdate();
      planSetStatements(c, segment, selected);
    }
    long exited;
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_segment_member SET left_at = ? WHERE segment_id = ?"
        + " AND left_at IS NULL AND NOT EXISTS (SELECT 1 FROM crm_segment_work w WHERE w.segment_id ="
        + " crm_segment_member.segment_id AND w.customer_id = crm_segment_member.customer_id)")) {
      s.setObject(1, at(at));
      s.setLong(2, segmentId);
      exited = s.executeUpdate();
    }
    // The current members leave the scratch rows first, so that the entrants' insert reads no table it writes.
    // As one INSERT ... SELECT ... NOT EXISTS (open membership), PostgreSQL planned it, when crm_segment_member had
    // no pages (a new installation, or after VACUUM truncated it), as a nested loop re-reading the membership
    // table for every selected customer while the insert grew it: quadratic (400,000 entrants took minutes and
    // ran into the transaction timeout; this way, seconds).
    try (PreparedStatement s = c.prepareStatement("DELETE FROM crm_segment_work WHERE segment_id = ?"
        + " AND EXISTS (SELECT 1 FROM crm_segment_member m WHERE m.segment_id = crm_segment_work.segment_id"
        + " AND m.customer_id = crm_segment_work.customer_id AND m.left_at IS NULL)")) {
      s.setLong(1, segmentId);
      s.executeUpdate();
    }
    long entered;
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment_member (segment_id, customer_id,"
        + " entered_at) SELECT w.segment_id, w.customer_id, ? FROM crm_segment_work w WHERE w.segment_id = ?")) {
      s.setObject(1, at(at));
      s.setLong(2, segmentId);
      entered = s.executeUpdate();
    }
    if (entered >= ANALYZE_THRESHOLD) {
      analyzeMembersIfUndercounted(c, segment.memberCount() - exited + entered);
    }
    update(c, "DELETE FROM crm_segment_work WHERE segment_id = ?", segmentId);
    long members = countMembers(c, segmentId);
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_segment SET member_count = ?, evaluated_at = ?,"
        + " changed_at = ? WHERE id = ?")) {
      s.setLong(1, members);
      s.setObject(2, at(at));
      s.setObject(3, at(entered + exited > 0 ? at : segment.changedAt()));
      s.setLong(4, segmentId);
      s.executeUpdate();
    }
    return new Recomputed(at, entered, exited, members);
  }

  /** Rows above which a membership table whose statistics undercount is analyzed. */
  static final long ANALYZE_THRESHOLD = 10_000;

  /**
   * PostgreSQL plans the leavers', stayers' and entrants' statements from statistics that are wrong by
   * construction: crm_segment_work only ever holds rows inside a recomputing transaction (autovacuum sees it
   * empty), and crm_segment_member's per-segment statistics lag behind new segments (a segment id the statistics
   * have not seen is estimated at one row). From those it chose nested loops that re-scan a table per row: a 1.6 s
   * recompute of 400,000 members ran past the transaction timeout, and a 2,000-member segment took 0.9 s instead
   * of 20 ms. These statements join whole sets, which hash joins do well at any size, so nested loops are off for
   * the rest of this transaction (after the rule's own query, which keeps its plan). The membership table is also
   * analyzed when its recorded size is below what it is known to hold (a table analyzed while empty). H2 needs
   * none of this.
   */
  static void planSetStatements(Connection c, StoredSegment segment, long selected) throws SQLException {
    if (!isPostgres(c)) {
      return;
    }
    try (java.sql.Statement s = c.createStatement()) {
      s.execute("SET LOCAL enable_nestloop = off");
    }
    analyzeMembersIfUndercounted(c, Math.max(segment.memberCount(), selected));
  }

  private static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
  }

  /**
   * Analyzes crm_segment_member when its statistics lag (PostgreSQL only, so that a server without autovacuum,
   * or one whose autovacuum has not come round yet, plans from the table as it is): when they record fewer rows
   * than it is known to hold, or when more rows changed since the last analysis than a fifth of those it
   * recorded (autovacuum's own rule, with a floor of {@link #ANALYZE_THRESHOLD}).
   */
  static void analyzeMembersIfUndercounted(Connection c, long atLeast) throws SQLException {
    if (!isPostgres(c)) {
      return;
    }
    try (java.sql.Statement s = c.createStatement()) {
      double recorded;
      long changed;
      try (ResultSet r = s.executeQuery("SELECT k.reltuples, COALESCE(t.n_mod_since_analyze, 0) FROM pg_class k"
          + " LEFT JOIN pg_stat_user_tables t ON t.relid = k.oid WHERE k.oid = to_regclass('crm_segment_member')")) {
        if (!r.next()) {
          return;
        }
        recorded = r.getDouble(1);
        changed = r.getLong(2);
      }
      boolean undercounted = atLeast >= ANALYZE_THRESHOLD && recorded < atLeast;
      boolean outdated = changed > Math.max(ANALYZE_THRESHOLD, 0.2 * Math.max(recorded, 0));
      if (undercounted || outdated) {
        s.execute("ANALYZE crm_segment_member");
      }
    }
  }

  /**
   * Re-evaluates a few customers: those the scoped rule selects and are not members enter, members it does not
   * select leave (including customers no longer active, e.g. merged away).
   *
   * @param scopedRule the segment's rule compiled for exactly {@code customers}
   */
  static Changes reevaluate(Connection c, long segmentId, CompiledRule scopedRule, Collection<Long> customers,
      Instant now) throws SQLException {
    StoredSegment segment = lock(c, segmentId);
    Set<Long> selected = new TreeSet<>();
    try (PreparedStatement s = c.prepareStatement(scopedRule.sql())) {
      scopedRule.bind(s);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          selected.add(r.getLong(1));
        }
      }
    }
    Set<Long> members = currentMembers(c, segmentId, customers);
    List<Long> entering = selected.stream().filter(id -> !members.contains(id)).toList();
    List<Long> leaving = members.stream().filter(id -> !selected.contains(id)).toList();
    return apply(c, segment, entering, leaving, now);
  }

  /** Hand changes of a static segment: the given customers enter (if not members) or leave (if members). */
  static Changes change(Connection c, long segmentId, Collection<Long> add, Collection<Long> remove, Instant now)
      throws SQLException {
    StoredSegment segment = lock(c, segmentId);
    List<Long> entering = new ArrayList<>();
    for (List<Long> chunk : chunks(new TreeSet<>(add))) {
      Set<Long> members = currentMembers(c, segmentId, chunk);
      chunk.stream().filter(id -> !members.contains(id)).forEach(entering::add);
    }
    List<Long> leaving = new ArrayList<>();
    for (List<Long> chunk : chunks(new TreeSet<>(remove))) {
      leaving.addAll(currentMembers(c, segmentId, chunk));
    }
    return apply(c, segment, entering, leaving, now);
  }

  /** Every current member leaves (a replacing import, or the last step before a segment becomes empty). */
  static List<Long> currentMembers(Connection c, long segmentId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT customer_id FROM crm_segment_member WHERE segment_id = ?"
        + " AND left_at IS NULL ORDER BY customer_id")) {
      s.setLong(1, segmentId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  private static Changes apply(Connection c, StoredSegment segment, List<Long> entering, List<Long> leaving,
      Instant now) throws SQLException {
    if (entering.isEmpty() && leaving.isEmpty()) {
      return new Changes(segment.id(), segment.key(), null, List.of(), List.of());
    }
    Instant at = stamp(segment, now);
    if (!leaving.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement("UPDATE crm_segment_member SET left_at = ? WHERE segment_id = ?"
          + " AND customer_id = ? AND left_at IS NULL")) {
        for (long id : leaving) {
          s.setObject(1, at(at));
          s.setLong(2, segment.id());
          s.setLong(3, id);
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!entering.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment_member (segment_id, customer_id,"
          + " entered_at) VALUES (?, ?, ?)")) {
        for (long id : entering) {
          s.setLong(1, segment.id());
          s.setLong(2, id);
          s.setObject(3, at(at));
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_segment SET member_count = member_count + ?,"
        + " changed_at = ? WHERE id = ?")) {
      s.setLong(1, entering.size() - leaving.size());
      s.setObject(2, at(at));
      s.setLong(3, segment.id());
      s.executeUpdate();
    }
    return new Changes(segment.id(), segment.key(), at, List.copyOf(entering), List.copyOf(leaving));
  }

  /** The customers who entered ({@code entered} true) or left the segment at a change's stamp, in id order. */
  static void changesAt(Connection c, long segmentId, Instant at, boolean entered, LongConsumer customer)
      throws SQLException {
    String column = entered ? "entered_at" : "left_at";
    long after = -1;
    int page = 10_000;
    while (true) {
      int read = 0;
      try (PreparedStatement s = c.prepareStatement("SELECT customer_id FROM crm_segment_member WHERE segment_id = ?"
          + " AND " + column + " = ? AND customer_id > ? ORDER BY customer_id FETCH FIRST " + page + " ROWS ONLY")) {
        s.setLong(1, segmentId);
        s.setObject(2, at(at));
        s.setLong(3, after);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            after = r.getLong(1);
            customer.accept(after);
            read++;
          }
        }
      }
      if (read < page) {
        return;
      }
    }
  }

  static long countMembers(Connection c, long segmentId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM crm_segment_member WHERE segment_id = ?"
        + " AND left_at IS NULL")) {
      s.setLong(1, segmentId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static Set<Long> currentMembers(Connection c, long segmentId, Collection<Long> customers)
      throws SQLException {
    Set<Long> members = new TreeSet<>();
    if (customers.isEmpty()) {
      return members;
    }
    String in = customers.stream().map(id -> "?").collect(Collectors.joining(", ", "(", ")"));
    try (PreparedStatement s = c.prepareStatement("SELECT customer_id FROM crm_segment_member WHERE segment_id = ?"
        + " AND left_at IS NULL AND customer_id IN " + in)) {
      s.setLong(1, segmentId);
      int i = 2;
      for (long id : customers) {
        s.setLong(i++, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          members.add(r.getLong(1));
        }
      }
    }
    return members;
  }

  static List<List<Long>> chunks(Collection<Long> ids) {
    List<List<Long>> chunks = new ArrayList<>();
    List<Long> chunk = new ArrayList<>();
    for (long id : ids) {
      chunk.add(id);
      if (chunk.size() == SegmentSqlCompiler.MAX_SCOPE) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
      }
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static void update(Connection c, String sql, long segmentId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, segmentId);
      s.executeUpdate();
    }
  }
}

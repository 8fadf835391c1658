package org.clientele.crm.impl.segment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.AttributeType;
import org.clientele.crm.api.segment.SegmentKind;
import org.clientele.crm.api.segment.SegmentRule;

/**
 * SegmentBenchmark's door to the membership engine at the JDBC level: the same compiler, store and updater the
 * server runs, called on the benchmark's own connection (in the engine's package, because they are
 * package-private; benchmark code only, never deployed).
 */
public final class BenchEngine {

  /** What a recomputation changed. */
  public record Result(long entered, long exited, long members) {}

  private BenchEngine() {}

  /** The rule in the JSON-B form the server stores and the REST API accepts. */
  public static String json(SegmentRule rule) {
    return SegmentStore.ruleJson(rule);
  }

  /** Compiles a rule against the segments and attribute definitions stored in the connection's schema. */
  public static CompiledRule compile(Connection c, String key, SegmentRule rule, Instant asOf, List<Long> scope)
      throws SQLException {
    List<AttributeDefinition> attributes = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT attr_key, attr_type FROM crm_attribute_definition");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        attributes.add(new AttributeDefinition(r.getString(1), AttributeType.valueOf(r.getString(2)), List.of(),
            null));
      }
    }
    SegmentCatalog catalog = SegmentStore.catalog(SegmentStore.all(c), attributes);
    return new SegmentSqlCompiler().compile(key, rule, catalog, asOf, scope);
  }

  /** The id of a stored segment, or -1. */
  public static long id(Connection c, String key) throws SQLException {
    return SegmentStore.find(c, key).map(StoredSegment::id).orElse(-1L);
  }

  /**
   * Stores a segment row that only this benchmark recomputes: STATIC, so that neither the server's schedule nor
   * its incremental updates touch it, whatever its rows say.
   */
  public static long defineShadow(Connection c, String key, String name) throws SQLException {
    return SegmentStore.insert(c, key, name, "SegmentBenchmark: engine at the JDBC level", SegmentKind.STATIC, null,
        Instant.now());
  }

  /** Deletes a segment with its membership history. */
  public static void delete(Connection c, long id) throws SQLException {
    SegmentStore.delete(c, id);
  }

  /** MembershipUpdater.recompute on the caller's connection and transaction (the caller commits). */
  public static Result recompute(Connection c, long segmentId, CompiledRule rule, Instant now) throws SQLException {
    MembershipUpdater.Recomputed r = MembershipUpdater.recompute(c, segmentId, rule, now);
    return new Result(r.entered(), r.exited(), r.members());
  }

  /** RfmScorer with the default settings, as the schedule runs it (the caller commits). */
  public static int scores(Connection c, Instant asOf) throws SQLException {
    return RfmScorer.recompute(c, ScoringSettings.defaults(), asOf).customers();
  }
}

package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.segment.SegmentKind;
import org.clientele.crm.api.segment.SegmentRule;

/**
 * Incremental membership against full recomputation: random rules become pairs of segments, one kept current
 * incrementally through random changes of profiles, purchases, interactions, scores and static memberships,
 * the other recomputed in full at the end; both must hold the same members, and the incremental one must
 * have recorded every entry and exit exactly once. Reproduce with {@code -Dsegment.seed=<seed>}.
 */
final class MembershipCheck {

  private MembershipCheck() {}

  static void run(String database, DataSource dataSource, long seed, int customers, int segments, int rounds)
      throws SQLException {
    Dataset data = new DatasetGenerator(seed).generate(customers);
    DatasetLoader.load(dataSource, data);
    Random random = new Random(seed + 7);
    RuleGenerator generator = new RuleGenerator(seed + 3, data.attributes());
    SegmentSqlCompiler compiler = new SegmentSqlCompiler();
    Instant asOf = DatasetGenerator.T0;
    Instant clock = asOf;
    List<AttributeDefinition> attributes = List.copyOf(data.attributes().values());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("ALTER TABLE crm_segment ALTER COLUMN id RESTART WITH 1000");
      }
      // pairs of segments with the same rule; the last pair refers to the first (evaluation order matters)
      List<SegmentRule> rules = new ArrayList<>();
      SegmentCatalog base = data.catalog();
      while (rules.size() < segments - 1) {
        SegmentRule rule = generator.rule();
        if (new SegmentRuleValidator().violations(null, rule, base).isEmpty()) {
          rules.add(rule);
        }
      }
      List<Long> incremental = new ArrayList<>();
      List<Long> full = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        incremental.add(SegmentStore.insert(c, "inc-" + i, "inc", null, SegmentKind.DYNAMIC, rules.get(i), clock));
        full.add(SegmentStore.insert(c, "full-" + i, "full", null, SegmentKind.DYNAMIC, rules.get(i), clock));
      }
      SegmentRule referring = SegmentRule.any(SegmentRule.segment("inc-0"), SegmentRule.field("country", "eq", "AT"));
      SegmentRule referringFull = SegmentRule.any(SegmentRule.segment("full-0"),
          SegmentRule.field("country", "eq", "AT"));
      rules.add(referring);
      incremental.add(SegmentStore.insert(c, "inc-ref", "inc", null, SegmentKind.DYNAMIC, referring, clock));
      full.add(SegmentStore.insert(c, "full-ref", "full", null, SegmentKind.DYNAMIC, referringFull, clock));

      // start: both evaluated in full, in evaluation order
      Map<Long, long[]> recorded = new HashMap<>();
      for (StoredSegment g : ordered(c, incremental)) {
        CompiledRule rule = compiler.compile(g.key(), g.rule(), catalog(c, attributes), asOf, null);
        clock = clock.plusSeconds(1);
        MembershipUpdater.Recomputed r = MembershipUpdater.recompute(c, g.id(), rule, clock);
        recorded.put(g.id(), new long[] {r.entered(), r.exited()});
        assertThat(countAt(c, g.id(), r.at(), true)).as("entries announced for " + g.key()).isEqualTo(r.entered());
      }
      Instant started = clock;

      // random changes, each followed by incremental re-evaluation of the customers it touched
      List<Long> ids = data.customers().stream().map(Dataset.Customer::id).toList();
      List<Long> purchases = data.purchases().stream().map(Dataset.Purchase::id).toList();
      List<Long> interactions = data.interactions().stream().map(Dataset.Interaction::id).toList();
      long staticSegment = data.segments().get(0).id();
      for (int round = 0; round < rounds; round++) {
        Set<Long> touched = new TreeSet<>();
        int changes = 1 + random.nextInt(4);
        clock = clock.plusSeconds(1);
        for (int k = 0; k < changes; k++) {
          long customer = ids.get(random.nextInt(ids.size()));
          switch (random.nextInt(7)) {
            case 0 -> touched.add(update(c, "UPDATE crm_customer SET country = ? WHERE id = ?",
                DatasetGenerator.COUNTRIES.get(random.nextInt(5)), customer));
            case 1 -> touched.add(update(c, "UPDATE crm_customer SET status = ? WHERE id = ?",
                random.nextBoolean() ? "ACTIVE" : "MERGED", customer));
            case 2 -> touched.add(owner(c, "crm_purchase", purchases.get(random.nextInt(purchases.size())),
                "UPDATE crm_purchase SET placed_at = ?, status = ? WHERE id = ?",
                asOf.minus(Duration.ofDays(random.nextInt(60))).atOffset(ZoneOffset.UTC),
                DatasetGenerator.PURCHASE_STATUSES.get(random.nextInt(5))));
            case 3 -> touched.add(owner(c, "crm_interaction", interactions.get(random.nextInt(interactions.size())),
                "UPDATE crm_interaction SET occurred_at = ? WHERE id = ?",
                asOf.minus(Duration.ofDays(random.nextInt(60))).atOffset(ZoneOffset.UTC), null));
            case 4 -> touched.add(update(c, "UPDATE crm_customer_score SET engagement_score = ?, recency_score = ?"
                + " WHERE customer_id = ?", random.nextInt(101), 1 + random.nextInt(5), customer));
            case 5 -> {
              MembershipUpdater.Changes changed = random.nextBoolean()
                  ? MembershipUpdater.change(c, staticSegment, List.of(customer), List.of(), clock)
                  : MembershipUpdater.change(c, staticSegment, List.of(), List.of(customer), clock);
              touched.add(customer);
              assertThat(changed.entered().size() + changed.exited().size()).isLessThanOrEqualTo(1);
            }
            default -> {
              // the purchases of one customer move to another, as a merge does
              long other = ids.get(random.nextInt(ids.size()));
              touched.add(customer);
              touched.add(other);
              update(c, "UPDATE crm_purchase SET customer_id = ? WHERE customer_id = ?", other, customer);
            }
          }
        }
        for (StoredSegment g : ordered(c, incremental)) {
          CompiledRule scoped = compiler.compile(g.key(), g.rule(), catalog(c, attributes), asOf, touched);
          MembershipUpdater.Changes changed = MembershipUpdater.reevaluate(c, g.id(), scoped, touched, clock);
          recorded.get(g.id())[0] += changed.entered().size();
          recorded.get(g.id())[1] += changed.exited().size();
          assertThat(touched).containsAll(changed.entered()).containsAll(changed.exited());
        }
      }

      // the full twins, recomputed now, hold the same members
      int compared = 0;
      for (StoredSegment g : ordered(c, full)) {
        CompiledRule rule = compiler.compile(g.key(), g.rule(), catalog(c, attributes), asOf, null);
        clock = clock.plusSeconds(1);
        MembershipUpdater.recompute(c, g.id(), rule, clock);
        long twin = incremental.get(full.indexOf(g.id()));
        List<Long> expected = MembershipUpdater.currentMembers(c, g.id());
        assertThat(MembershipUpdater.currentMembers(c, twin))
            .as(database + ", seed " + seed + ": incremental members of " + g.key() + " = " + RuleJson.write(g.rule()))
            .isEqualTo(expected);
        assertThat(SegmentStore.find(c, twin).orElseThrow().memberCount()).as("member_count of inc twin")
            .isEqualTo(expected.size());
        compared += expected.isEmpty() ? 0 : 1;
        // a second recomputation without changes changes nothing
        MembershipUpdater.Recomputed again = MembershipUpdater.recompute(c, g.id(), rule, clock.plusMillis(1));
        assertThat(again.entered() + again.exited()).isZero();
      }
      // every entry and exit recorded exactly once: the history rows match the changes reported
      for (long id : incremental) {
        long[] counts = recorded.get(id);
        assertThat(count(c, "SELECT COUNT(*) FROM crm_segment_member WHERE segment_id = ?", id))
            .as("periods of segment " + id).isEqualTo(counts[0]);
        assertThat(count(c, "SELECT COUNT(*) FROM crm_segment_member WHERE segment_id = ? AND left_at IS NOT NULL",
            id)).as("closed periods of segment " + id).isEqualTo(counts[1]);
      }
      assertThat(compared).as("segment pairs with members").isGreaterThan(segments / 3);
      System.out.printf("Segment membership check on %s: seed %d, %d customers, %d segment pairs, %d rounds since %s%n",
          database, seed, customers, segments, rounds, started);
    }
  }

  private static List<StoredSegment> ordered(Connection c, List<Long> ids) throws SQLException {
    return SegmentStore.inEvaluationOrder(SegmentStore.all(c)).stream().filter(g -> ids.contains(g.id())).toList();
  }

  private static SegmentCatalog catalog(Connection c, List<AttributeDefinition> attributes) throws SQLException {
    return SegmentStore.catalog(SegmentStore.all(c), attributes);
  }

  private static long update(Connection c, String sql, Object value, long customer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, value);
      s.setLong(2, customer);
      s.executeUpdate();
    }
    return customer;
  }

  private static long update(Connection c, String sql, Object a, Object b, long customer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, a);
      s.setObject(2, b);
      s.setLong(3, customer);
      s.executeUpdate();
    }
    return customer;
  }

  /** Changes an event row and returns its customer. */
  private static long owner(Connection c, String table, long id, String sql, Object a, Object b) throws SQLException {
    long customer = count(c, "SELECT customer_id FROM " + table + " WHERE id = ?", id);
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, a);
      if (b != null) {
        s.setObject(2, b);
        s.setLong(3, id);
      } else {
        s.setLong(2, id);
      }
      s.executeUpdate();
    }
    return customer;
  }

  private static long count(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static long countAt(Connection c, long segmentId, Instant at, boolean entered) throws SQLException {
    long[] n = {0};
    MembershipUpdater.changesAt(c, segmentId, at, entered, id -> n[0]++);
    return n[0];
  }
}

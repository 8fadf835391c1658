package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.segment.BehaviourCondition;
import org.clientele.crm.api.segment.SegmentKind;
import org.clientele.crm.api.segment.SegmentRule;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * Customers age out of time windows without any new event: recomputing later, on unchanged data, lets those
 * whose last purchase slid out of "the last 30 days" leave, and only them.
 */
class TimeWindowAgingTest {

  @Test
  void customersLeaveWhenTheirPurchasesSlideOutOfTheWindow() throws Exception {
    Dataset data = new DatasetGenerator(11).generate(300);
    var db = TestDatabases.migratedH2("segment-aging");
    DatasetLoader.load(db, data);
    SegmentRule rule = SegmentRule.behaviour(new BehaviourCondition("purchases", "count", null, null, 30, null, null,
        "gte", 1));
    RuleEvaluator evaluator = new RuleEvaluator(data);
    SegmentSqlCompiler compiler = new SegmentSqlCompiler();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      c.createStatement().executeUpdate("ALTER TABLE crm_segment ALTER COLUMN id RESTART WITH 1000");
      long id = SegmentStore.insert(c, "recent-buyers", "Recent buyers", null, SegmentKind.DYNAMIC, rule,
          DatasetGenerator.T0);
      SegmentCatalog catalog = data.catalog();

      Instant first = DatasetGenerator.T0;
      MembershipUpdater.recompute(c, id, compiler.compile(rule, catalog, first), first);
      List<Long> before = MembershipUpdater.currentMembers(c, id);
      assertThat(before).isEqualTo(evaluator.select(rule, first)).isNotEmpty();

      Instant later = first.plus(Duration.ofDays(20));
      MembershipUpdater.Recomputed aged = MembershipUpdater.recompute(c, id, compiler.compile(rule, catalog, later),
          later);
      List<Long> after = MembershipUpdater.currentMembers(c, id);
      assertThat(after).isEqualTo(evaluator.select(rule, later));
      assertThat(aged.exited()).as("customers who aged out").isPositive()
          .isEqualTo(before.stream().filter(k -> !after.contains(k)).count());
    }
  }
}

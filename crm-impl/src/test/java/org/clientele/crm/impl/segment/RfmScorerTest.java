package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * RFM quintiles and engagement scores on a hand-computed dataset, on H2 and PostgreSQL: seven ranked customers
 * (three of them tied), one with only a cancelled purchase, one without purchases, one merged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RfmScorerTest {

  static final Instant AS_OF = Instant.parse("2026-06-15T12:00:00Z");

  private final Map<String, DataSource> databases = new LinkedHashMap<>();

  @BeforeAll
  void load() throws SQLException {
    databases.put("H2", TestDatabases.migratedH2("rfm-scorer"));
    try {
      databases.put("PostgreSQL", TestDatabases.migratedPostgresSchema("crm_unit_seg_scores"));
    } catch (TestAbortedException e) {
      // PostgreSQL not reachable outside CI
    }
    Dataset data = dataset();
    for (DataSource db : databases.values()) {
      DatasetLoader.load(db, data);
    }
  }

  private static Instant daysAgo(double days) {
    return AS_OF.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  private static Dataset dataset() {
    List<Dataset.Customer> customers = new ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      customers.add(new Dataset.Customer(id, id == 8 ? "MERGED" : "ACTIVE", "C" + id, null, null, null, null, null,
          null, null, null, null, "ACTIVE", Instant.parse("2025-01-01T00:00:00Z"),
          Instant.parse("2025-01-01T00:00:00Z"), null, Set.of(), Map.of()));
    }
    List<Dataset.Purchase> purchases = new ArrayList<>();
    long[] next = {1};
    java.util.function.BiConsumer<Long, Object[]> buy = (customer, p) -> purchases.add(new Dataset.Purchase(
        next[0]++, customer, "shop", (String) p[0], (String) p[1], (Instant) p[2], new BigDecimal((String) p[3]),
        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal((String) p[3]), BigDecimal.ZERO,
        new BigDecimal((String) p[3]), List.of()));
    for (int i = 0; i < 5; i++) {
      buy.accept(1L, new Object[] {"PAID", "EUR", daysAgo(1.5 + 20 * i), "100"});
    }
    for (int i = 0; i < 4; i++) {
      buy.accept(2L, new Object[] {"FULFILLED", "EUR", daysAgo(14.5 + 10 * i), "50"});
    }
    for (int i = 0; i < 3; i++) {
      buy.accept(3L, new Object[] {"PLACED", "EUR", daysAgo(45.5 + 10 * i), "20"});
    }
    buy.accept(4L, new Object[] {"PAID", "EUR", Instant.parse("2025-10-01T00:00:00Z"), "1000"});
    buy.accept(4L, new Object[] {"PAID", "USD", Instant.parse("2026-01-01T00:00:00Z"), "5000"});
    for (long c = 5; c <= 7; c++) {
      buy.accept(c, new Object[] {"PAID", "EUR", Instant.parse("2025-06-01T00:00:00Z"), "10"});
    }
    buy.accept(7L, new Object[] {"CANCELLED", "EUR", daysAgo(1), "999"});
    buy.accept(7L, new Object[] {"PAID", "EUR", AS_OF.plus(Duration.ofDays(10)), "999"});
    for (int i = 0; i < 10; i++) {
      buy.accept(8L, new Object[] {"PAID", "EUR", daysAgo(i), "999"});
    }
    buy.accept(10L, new Object[] {"CANCELLED", "EUR", daysAgo(3), "30"});

    List<Dataset.Interaction> interactions = new ArrayList<>();
    long[] id = {1};
    java.util.function.BiConsumer<Long, Object[]> touch = (customer, i) -> interactions.add(new Dataset.Interaction(
        id[0]++, customer, "EMAIL", (String) i[0], (String) i[1], (Instant) i[2]));
    for (int i = 0; i < 10; i++) {
      touch.accept(1L, new Object[] {"INQUIRY", "INBOUND", AS_OF});
    }
    touch.accept(2L, new Object[] {"CAMPAIGN_OPENED", "OUTBOUND", daysAgo(45)});
    touch.accept(3L, new Object[] {"UNSUBSCRIBE", "INBOUND", daysAgo(1)});
    touch.accept(3L, new Object[] {"CAMPAIGN_SENT", "OUTBOUND", daysAgo(1)});
    touch.accept(3L, new Object[] {"NOTE", "INTERNAL", daysAgo(1)});
    touch.accept(3L, new Object[] {"INQUIRY", "INBOUND", daysAgo(100)});
    for (int i = 0; i < 3; i++) {
      touch.accept(4L, new Object[] {"MESSAGE", "INBOUND", daysAgo(10)});
    }
    touch.accept(5L, new Object[] {"MESSAGE", "INBOUND", AS_OF.plus(Duration.ofDays(1))});
    for (int i = 0; i < 20; i++) {
      touch.accept(9L, new Object[] {"MESSAGE", "INBOUND", daysAgo(30)});
    }
    touch.accept(8L, new Object[] {"MESSAGE", "INBOUND", AS_OF});
    return new Dataset(customers, purchases, interactions, List.of(), Map.of(), List.of(), List.of(),
        DatasetGenerator.attributeDefinitions());
  }

  /** customer id → [R, F, M, engagement], null scores as null. */
  private static Map<Long, List<Integer>> scores(Connection c) throws SQLException {
    Map<Long, List<Integer>> scores = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT customer_id, recency_score, frequency_score,"
        + " monetary_score, engagement_score FROM crm_customer_score");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        List<Integer> row = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
          int v = rs.getInt(i);
          row.add(rs.wasNull() ? null : v);
        }
        scores.put(rs.getLong(1), row);
      }
    }
    return scores;
  }

  private static List<Integer> row(Integer r, Integer f, Integer m, int e) {
    List<Integer> row = new ArrayList<>();
    row.add(r);
    row.add(f);
    row.add(m);
    row.add(e);
    return row;
  }

  /** The documented engagement formula, computed independently. */
  private static int engagement(double ageDays, int n, ScoringSettings s) {
    if (n == 0) {
      return 0;
    }
    double recency = 1 - ageDays / s.engagementWindowDays();
    double frequency = Math.min(n, s.engagementFrequencyCap()) / (double) s.engagementFrequencyCap();
    return (int) Math.round(100 * (s.recencyWeight() * recency + s.frequencyWeight() * frequency)
        / (s.recencyWeight() + s.frequencyWeight()));
  }

  @Test
  void quintilesAndEngagementWithTheDefaults() throws SQLException {
    ScoringSettings defaults = ScoringSettings.defaults();
    for (Map.Entry<String, DataSource> db : databases.entrySet()) {
      try (Connection c = db.getValue().getConnection()) {
        RfmScorer.Scored scored = RfmScorer.recompute(c, defaults, AS_OF);
        assertThat(scored.currency()).as(db.getKey()).isEqualTo("EUR");
        assertThat(scored.customers()).isEqualTo(9);
        assertThat(scored.customersWithPurchases()).isEqualTo(7);
        Map<Long, List<Integer>> expected = new TreeMap<>();
        expected.put(1L, row(5, 5, 4, 100));
        expected.put(2L, row(4, 4, 3, engagement(45, 1, defaults)));
        expected.put(3L, row(3, 3, 2, 0));
        expected.put(4L, row(2, 2, 5, engagement(10, 3, defaults)));
        // 5, 6 and 7 tie on every input: NTILE puts the third into quintile 2, the tie rule brings it back to 1
        expected.put(5L, row(1, 1, 1, 0));
        expected.put(6L, row(1, 1, 1, 0));
        expected.put(7L, row(1, 1, 1, 0));
        expected.put(9L, row(null, null, null, engagement(30, 20, defaults)));
        expected.put(10L, row(null, null, null, 0));
        assertThat(scores(c)).as(db.getKey()).isEqualTo(expected);
        assertThat(expected.get(2L).get(3)).isEqualTo(30);
        assertThat(expected.get(4L).get(3)).isEqualTo(59);
        assertThat(expected.get(9L).get(3)).isEqualTo(83);
        try (PreparedStatement s = c.prepareStatement("SELECT last_purchase_at, purchase_count, monetary_value,"
            + " monetary_currency FROM crm_customer_score WHERE customer_id = 4");
            ResultSet rs = s.executeQuery()) {
          rs.next();
          assertThat(rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
              .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
          assertThat(rs.getInt(2)).isEqualTo(2);
          assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("1000");
          assertThat(rs.getString(4)).isEqualTo("EUR");
        }
      }
    }
  }

  @Test
  void settingsChangeTheInputs() throws SQLException {
    ScoringSettings weighted = new ScoringSettings("USD", null, 30, 5, 3, 1);
    ScoringSettings recent = new ScoringSettings(null, 200, 90, 10, 1, 1);
    for (Map.Entry<String, DataSource> db : databases.entrySet()) {
      try (Connection c = db.getValue().getConnection()) {
        RfmScorer.recompute(c, weighted, AS_OF);
        Map<Long, List<Integer>> scores = scores(c);
        // only customer 4 bought in USD; everyone else ties at 0
        assertThat(scores.get(4L).get(2)).as(db.getKey()).isEqualTo(5);
        assertThat(scores.values().stream().filter(r -> r.get(2) != null && r.get(2) != 5).map(r -> r.get(2)))
            .containsOnly(1);
        assertThat(scores.get(1L).get(3)).isEqualTo(100);
        assertThat(scores.get(2L).get(3)).as("outside the 30-day window").isZero();
        assertThat(scores.get(4L).get(3)).isEqualTo(engagement(10, 3, weighted)).isEqualTo(65);
        assertThat(scores.get(9L).get(3)).as("exactly at the window's start").isEqualTo(25);

        RfmScorer.Scored scored = RfmScorer.recompute(c, recent, AS_OF);
        assertThat(scored.customersWithPurchases()).isEqualTo(4);
        scores = scores(c);
        assertThat(scores.get(1L)).isEqualTo(row(4, 4, 4, 100));
        assertThat(scores.get(2L).subList(0, 3)).isEqualTo(List.of(3, 3, 3));
        assertThat(scores.get(3L).subList(0, 3)).isEqualTo(List.of(2, 2, 2));
        assertThat(scores.get(4L).subList(0, 3)).as("USD only in the window: no EUR value")
            .isEqualTo(List.of(1, 1, 1));
        assertThat(scores.get(5L).subList(0, 3)).containsOnlyNulls();
      }
    }
  }

  @Test
  void rulesReadTheScores() throws SQLException {
    SegmentSqlCompiler compiler = new SegmentSqlCompiler();
    SegmentCatalog catalog = dataset().catalog();
    for (Map.Entry<String, DataSource> db : databases.entrySet()) {
      try (Connection c = db.getValue().getConnection()) {
        RfmScorer.recompute(c, ScoringSettings.defaults(), AS_OF);
        assertThat(DatasetLoader.select(c, compiler.compile(org.clientele.crm.api.segment.SegmentRule
            .rfmGroup("champions"), catalog, AS_OF))).as(db.getKey()).containsExactly(1L);
        assertThat(DatasetLoader.select(c, compiler.compile(org.clientele.crm.api.segment.SegmentRule
            .rfmGroup("lost"), catalog, AS_OF))).containsExactly(4L, 5L, 6L, 7L);
        assertThat(DatasetLoader.select(c, compiler.compile(org.clientele.crm.api.segment.SegmentRule
            .engagement("gte", 50), catalog, AS_OF))).containsExactly(1L, 4L, 9L);
      }
    }
  }
}

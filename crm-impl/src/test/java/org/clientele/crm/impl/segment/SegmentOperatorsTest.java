package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clientele.crm.api.segment.SegmentRule.all;
import static org.clientele.crm.api.segment.SegmentRule.any;
import static org.clientele.crm.api.segment.SegmentRule.attribute;
import static org.clientele.crm.api.segment.SegmentRule.field;
import static org.clientele.crm.api.segment.SegmentRule.not;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.clientele.crm.api.segment.BehaviourCondition;
import org.clientele.crm.api.segment.EventFilter;
import org.clientele.crm.api.segment.RecencyCondition;
import org.clientele.crm.api.segment.RfmCondition;
import org.clientele.crm.api.segment.SegmentRule;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * Every operator and condition kind on a small hand-made dataset, with the expected customers worked out by
 * hand: on H2, on PostgreSQL (when reachable) and in the test oracle ({@link RuleEvaluator}), which must all
 * agree with the expectation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentOperatorsTest {

  static final Instant AS_OF = Instant.parse("2026-06-15T12:00:00Z");
  static final String INJECTION = "'; DROP TABLE crm_customer; --";

  private final Map<String, DataSource> databases = new LinkedHashMap<>();
  /** One connection per database for all checks: opening PostgreSQL connections costs more than the queries. */
  private final Map<String, Connection> connections = new LinkedHashMap<>();
  private final SegmentSqlCompiler compiler = new SegmentSqlCompiler();
  private Dataset data;
  private RuleEvaluator evaluator;

  @BeforeAll
  void load() throws SQLException {
    data = dataset();
    evaluator = new RuleEvaluator(data);
    databases.put("H2", TestDatabases.migratedH2("segment-operators"));
    try {
      databases.put("PostgreSQL", TestDatabases.migratedPostgresSchema("crm_unit_seg_operators"));
    } catch (TestAbortedException e) {
      // PostgreSQL not reachable outside CI: H2 and the oracle still run
    }
    for (Map.Entry<String, DataSource> db : databases.entrySet()) {
      DatasetLoader.load(db.getValue(), data);
      connections.put(db.getKey(), db.getValue().getConnection());
    }
  }

  @AfterAll
  void close() throws SQLException {
    for (Connection c : connections.values()) {
      c.close();
    }
  }

  private static Instant t(String instant) {
    return Instant.parse(instant);
  }

  private static Dataset.Attribute text(String value) {
    return new Dataset.Attribute(value, null, null, null);
  }

  private static Dataset.Attribute number(String value) {
    return new Dataset.Attribute(value, new BigDecimal(value), null, null);
  }

  private static Dataset.Attribute bool(boolean value) {
    return new Dataset.Attribute(Boolean.toString(value), null, null, value);
  }

  private static Dataset.Attribute date(String value) {
    return new Dataset.Attribute(value, null, LocalDate.parse(value), null);
  }

  private static Dataset.Purchase purchase(long id, long customer, String source, String status, String currency,
      String placedAt, String total, String refunded, Dataset.Line... lines) {
    BigDecimal t = new BigDecimal(total);
    BigDecimal r = new BigDecimal(refunded);
    return new Dataset.Purchase(id, customer, source, status, currency, t(placedAt), t, BigDecimal.ZERO,
        BigDecimal.ZERO, BigDecimal.ZERO, t, r, t.subtract(r), List.of(lines));
  }

  private static Dataset.Line line(int no, String sku, String category, int quantity, String unitPrice) {
    BigDecimal price = new BigDecimal(unitPrice);
    return new Dataset.Line(no, sku, category, quantity, price, BigDecimal.ZERO,
        price.multiply(BigDecimal.valueOf(quantity)));
  }

  /** Six customers: 1, 2, 3 and 5 active (3 without optional data), 4 merged and 6 erased. */
  private static Dataset dataset() {
    Map<String, Dataset.Attribute> anna = new LinkedHashMap<>();
    anna.put("loyalty_tier", text("gold"));
    anna.put("score", number("42"));
    anna.put("opted_in", bool(true));
    anna.put("renewal_date", date("2026-07-01"));
    Map<String, Dataset.Attribute> ben = new LinkedHashMap<>();
    ben.put("loyalty_tier", text("silver"));
    ben.put("score", number("-5"));
    ben.put("opted_in", bool(false));
    ben.put("nickname", text("a_ce"));
    Map<String, Dataset.Attribute> li = new LinkedHashMap<>();
    li.put("nickname", text(INJECTION));
    li.put("score", number("1000"));
    li.put("renewal_date", date("2026-03-01"));
    List<Dataset.Customer> customers = List.of(
        new Dataset.Customer(1, "ACTIVE", "Anna", "Müller", "anna@example.com", "+4930123456",
            LocalDate.parse("1990-05-01"), "de-DE", "DE", "Berlin", "Berlin", "10115", "ACTIVE",
            t("2026-01-10T08:00:00Z"), t("2026-06-01T00:00:00Z"), null, Set.of("vip", "b2b"), anna),
        new Dataset.Customer(2, "ACTIVE", "ben", "Smith", "100%@promo.com", null, LocalDate.parse("2026-06-10"), "en",
            "AT", null, "Ber%lin", "1010", "LEAD", t("2026-06-01T00:00:00Z"), AS_OF, t("2026-06-14T00:00:00Z"),
            Set.of("newsletter"), ben),
        new Dataset.Customer(3, "ACTIVE", null, null, null, null, null, null, null, null, null, null, "CHURNED",
            t("2025-01-01T00:00:00Z"), t("2025-01-01T00:00:00Z"), null, Set.of(), Map.of()),
        new Dataset.Customer(4, "MERGED", "Anna", "Müller", "anna@example.com", null, LocalDate.parse("1990-05-01"),
            "de-DE", "DE", "Berlin", "Berlin", "10115", "ACTIVE", t("2026-01-10T08:00:00Z"), AS_OF, null,
            Set.of("vip"), anna),
        new Dataset.Customer(5, "ACTIVE", "Li_Wei", "Nguyen", "x_y@ex.org", null, null, "fr", "FR", null, "Paris",
            null, "AT_RISK", AS_OF, AS_OF, null, Set.of("VIP"), li),
        new Dataset.Customer(6, "ERASED", null, null, null, null, null, null, null, null, null, null, "LEAD",
            t("2025-01-01T00:00:00Z"), t("2025-01-01T00:00:00Z"), null, Set.of(), Map.of()));
    List<Dataset.Purchase> purchases = List.of(
        purchase(1, 1, "shop", "PAID", "EUR", "2026-06-10T00:00:00Z", "100", "0",
            line(1, "SKU-1", "shoes", 2, "40"), line(2, "SKU-2", "bags", 1, "20")),
        purchase(2, 1, "shop", "FULFILLED", "EUR", "2026-03-01T10:00:00Z", "60", "10",
            line(1, "SKU-2", "bags", 1, "60")),
        purchase(3, 1, "shop", "CANCELLED", "EUR", "2026-06-12T00:00:00Z", "500", "0",
            line(1, "SKU-1", "shoes", 5, "100")),
        purchase(4, 1, "erp", "PAID", "USD", "2026-06-14T00:00:00Z", "30", "0", line(1, "SKU-3", "hats", 3, "10")),
        purchase(5, 2, "shop", "REFUNDED", "EUR", "2025-12-01T00:00:00Z", "80", "80",
            line(1, "SKU-1", "shoes", 1, "80")),
        purchase(6, 2, "shop", "PAID", "EUR", "2026-06-20T00:00:00Z", "70", "0", line(1, "SKU-1", "shoes", 1, "70")),
        purchase(7, 5, "shop", "PLACED", "EUR", "2026-06-15T12:00:00Z", "10", "0",
            line(1, "100%_X", null, 1, "10")));
    List<Dataset.Interaction> interactions = List.of(
        new Dataset.Interaction(1, 1, "EMAIL", "CAMPAIGN_OPENED", "INBOUND", t("2026-06-14T00:00:00Z")),
        new Dataset.Interaction(2, 2, "CHAT", "INQUIRY", "INBOUND", t("2026-05-01T00:00:00Z")),
        new Dataset.Interaction(3, 2, "PHONE", "CALL", "OUTBOUND", AS_OF),
        new Dataset.Interaction(4, 5, "WEB", "MESSAGE", "INBOUND", t("2026-06-16T00:00:00Z")));
    List<Dataset.Consent> consents = List.of(
        new Dataset.Consent(1, 1, "EMAIL", "MARKETING", "GRANTED", t("2026-01-01T00:00:00Z")),
        new Dataset.Consent(2, 1, "SMS", "MARKETING", "WITHDRAWN", t("2026-01-01T00:00:00Z")),
        new Dataset.Consent(3, 2, "EMAIL", "MARKETING", "GRANTED", t("2026-05-01T00:00:00Z")),
        new Dataset.Consent(4, 2, "EMAIL", "MARKETING", "DENIED", t("2026-05-01T00:00:00Z")),
        new Dataset.Consent(5, 3, "EMAIL", "MARKETING", "GRANTED", t("2026-01-01T00:00:00Z")),
        new Dataset.Consent(6, 3, "EMAIL", "MARKETING", "PENDING", t("2026-03-01T00:00:00Z")),
        new Dataset.Consent(7, 5, "EMAIL", "MARKETING", "DENIED", t("2026-01-01T00:00:00Z")),
        new Dataset.Consent(8, 5, "EMAIL", "MARKETING", "GRANTED", t("2026-06-20T00:00:00Z")));
    Map<Long, Dataset.Score> scores = Map.of(
        1L, new Dataset.Score(1, 5, 4, 3, 80),
        2L, new Dataset.Score(2, 1, 1, 1, 0),
        5L, new Dataset.Score(5, null, null, null, 60));
    List<Dataset.Segment> segments = List.of(new Dataset.Segment(1, "vip"), new Dataset.Segment(2, "lapsed"));
    List<Dataset.Membership> memberships = List.of(
        new Dataset.Membership(1, 1, t("2026-01-01T00:00:00Z"), null),
        new Dataset.Membership(1, 2, t("2026-01-01T00:00:00Z"), t("2026-02-01T00:00:00Z")),
        new Dataset.Membership(1, 5, t("2026-01-01T00:00:00Z"), t("2026-02-01T00:00:00Z")),
        new Dataset.Membership(1, 5, t("2026-03-01T00:00:00Z"), null));
    return new Dataset(customers, purchases, interactions, consents, scores, segments, memberships,
        DatasetGenerator.attributeDefinitions());
  }

  /** The rule selects exactly these customers at {@link #AS_OF}, on every database and in the oracle. */
  private void check(SegmentRule rule, long... expected) {
    checkAt(AS_OF, rule, expected);
  }

  private void checkAt(Instant asOf, SegmentRule rule, long... expected) {
    List<Long> ids = Arrays.stream(expected).boxed().toList();
    assertThat(evaluator.select(rule, asOf)).as("oracle: " + RuleJson.write(rule)).isEqualTo(ids);
    CompiledRule compiled = compiler.compile(rule, data.catalog(), asOf);
    connections.forEach((name, c) -> {
      try {
        assertThat(DatasetLoader.select(c, compiled)).as(name + ": " + RuleJson.write(rule) + "\n" + compiled.sql())
            .isEqualTo(ids);
      } catch (SQLException e) {
        throw new AssertionError(name + ": " + e.getMessage() + "\n" + compiled.sql(), e);
      }
    });
  }

  private static SegmentRule purchases(String measure, String amountOf, EventFilter where, Integer lastDays,
      String op, Object value) {
    return SegmentRule.behaviour(new BehaviourCondition("purchases", measure, amountOf, where, lastDays, null, null,
        op, value));
  }

  private static EventFilter eur() {
    return new EventFilter(null, "EUR", null, null, null, null, null, null);
  }

  @Test
  void textOperators() {
    check(field("country", "eq", "DE"), 1);
    check(field("country", "ne", "DE"), 2, 3, 5);
    check(field("country", "in", List.of("DE", "AT")), 1, 2);
    check(field("country", "notIn", List.of("DE", "AT")), 3, 5);
    check(field("country", "exists", null), 1, 2, 5);
    check(field("country", "missing", null), 3);
    check(field("city", "startsWith", "Ber"), 1, 2);
    check(field("postalCode", "startsWith", "10"), 1, 2);
    check(field("phone", "eq", "+4930123456"), 1);
    check(field("language", "in", List.of("de-DE", "fr")), 1, 5);
    check(field("region", "missing", null), 2, 3, 5);
  }

  @Test
  void likeWildcardsInValuesMatchLiterally() {
    check(field("city", "contains", "r%l"), 2);
    check(field("email", "contains", "_"), 5);
    check(field("email", "contains", "%"), 2);
    check(field("email", "startsWith", "100%"), 2);
    check(field("givenName", "startsWith", "LI_"), 5);
    check(field("city", "contains", "!"));
  }

  @Test
  void namesCompareIgnoringCase() {
    check(field("givenName", "eq", "ANNA"), 1);
    check(field("givenName", "contains", "EN"), 2);
    check(field("familyName", "eq", "MÜLLER"), 1);
    check(field("familyName", "ne", "müller"), 2, 3, 5);
    check(field("givenName", "in", List.of("BEN", "li_wei")), 2, 5);
  }

  @Test
  void enumerationOperators() {
    check(field("lifecycleStage", "in", List.of("ACTIVE", "AT_RISK")), 1, 5);
    check(field("lifecycleStage", "ne", "LEAD"), 1, 3, 5);
    check(field("lifecycleStage", "notIn", List.of("LEAD", "CHURNED")), 1, 5);
    check(field("lifecycleStage", "eq", "CHURNED"), 3);
  }

  @Test
  void dateOperators() {
    check(field("birthDate", "before", "2000-01-01"), 1);
    check(field("birthDate", "lt", "1990-05-01"));
    check(field("birthDate", "lte", "1990-05-01"), 1);
    check(field("birthDate", "eq", "1990-05-01"), 1);
    check(field("birthDate", "gt", "1990-05-01"), 2);
    check(field("birthDate", "after", "2026-06-10"));
    check(field("birthDate", "gte", "2026-06-10"), 2);
    check(field("birthDate", "between", List.of("1990-05-01", "2026-06-10")), 1, 2);
    check(field("birthDate", "withinLastDays", 7), 2);
    check(field("birthDate", "withinLastDays", 4));
    check(field("birthDate", "moreThanDaysAgo", 30), 1);
    check(field("birthDate", "ne", "1990-05-01"), 2, 3, 5);
    check(field("birthDate", "missing", null), 3, 5);
  }

  @Test
  void timestampsComparedWithDatesCoverWholeUtcDays() {
    check(field("createdAt", "after", "2026-01-10"), 2, 5);
    check(field("createdAt", "gt", "2026-01-10"), 2, 5);
    check(field("createdAt", "gte", "2026-01-10"), 1, 2, 5);
    check(field("createdAt", "eq", "2026-01-10"), 1);
    check(field("createdAt", "ne", "2026-01-10"), 2, 3, 5);
    check(field("createdAt", "before", "2026-01-10"), 3);
    check(field("createdAt", "lte", "2026-01-10"), 1, 3);
    check(field("createdAt", "between", List.of("2026-01-10", "2026-06-01")), 1, 2);
  }

  @Test
  void timestampsComparedWithInstantsExactly() {
    check(field("createdAt", "lt", "2026-01-10T08:00:00Z"), 3);
    check(field("createdAt", "lte", "2026-01-10T08:00:00Z"), 1, 3);
    check(field("createdAt", "eq", "2026-01-10T09:00:00+01:00"), 1);
    check(field("createdAt", "gt", "2026-06-15T11:59:59Z"), 5);
    check(field("createdAt", "between", List.of("2026-01-10", "2026-06-01T00:00:00Z")), 1, 2);
  }

  @Test
  void relativeTimestampWindowsEndAtTheEvaluationTime() {
    check(field("createdAt", "withinLastDays", 14), 5);
    check(field("createdAt", "withinLastDays", 15), 2, 5);
    check(field("createdAt", "moreThanDaysAgo", 14), 1, 2, 3);
    check(field("updatedAt", "withinLastDays", 1), 2, 5);
    // evaluated earlier, the same window no longer reaches today's changes
    checkAt(Instant.parse("2026-06-10T00:00:00Z"), field("createdAt", "withinLastDays", 15), 2);
    check(field("attentionSince", "exists", null), 2);
    check(field("attentionSince", "missing", null), 1, 3, 5);
  }

  @Test
  void tagOperators() {
    check(field("tags", "contains", "vip"), 1);
    check(field("tags", "in", List.of("vip", "VIP")), 1, 5);
    check(field("tags", "notIn", List.of("vip")), 2, 3, 5);
    check(field("tags", "exists", null), 1, 2, 5);
    check(field("tags", "missing", null), 3);
  }

  @Test
  void stringAttributes() {
    check(attribute("loyalty_tier", "eq", "gold"), 1);
    check(attribute("loyalty_tier", "ne", "gold"), 2, 3, 5);
    check(attribute("loyalty_tier", "in", List.of("gold", "silver")), 1, 2);
    check(attribute("loyalty_tier", "notIn", List.of("gold")), 2, 3, 5);
    check(attribute("loyalty_tier", "exists", null), 1, 2);
    check(attribute("loyalty_tier", "missing", null), 3, 5);
    check(attribute("loyalty_tier", "startsWith", "s"), 2);
    check(attribute("nickname", "contains", "_"), 2, 5);
  }

  @Test
  void numberAttributes() {
    check(attribute("score", "gt", 0), 1, 5);
    check(attribute("score", "lte", 42), 1, 2);
    check(attribute("score", "lt", new BigDecimal("-4.99")), 2);
    check(attribute("score", "gte", 1000.0), 5);
    check(attribute("score", "between", List.of(-5, 42)), 1, 2);
    check(attribute("score", "eq", new BigDecimal("42.000")), 1);
    check(attribute("score", "ne", 42), 2, 3, 5);
    check(attribute("score", "in", List.of(42, 1000L)), 1, 5);
    check(attribute("score", "notIn", List.of(42)), 2, 3, 5);
    check(attribute("score", "missing", null), 3);
  }

  @Test
  void booleanAndDateAttributes() {
    check(attribute("opted_in", "eq", true), 1);
    check(attribute("opted_in", "eq", false), 2);
    check(attribute("opted_in", "ne", true), 2, 3, 5);
    check(attribute("opted_in", "exists", null), 1, 2);
    check(attribute("renewal_date", "after", "2026-06-15"), 1);
    check(attribute("renewal_date", "withinLastDays", 120), 5);
    check(attribute("renewal_date", "moreThanDaysAgo", 100), 5);
    check(attribute("renewal_date", "between", List.of("2026-03-01", "2026-07-01")), 1, 5);
  }

  @Test
  void injectionAttemptsAreJustValues() throws SQLException {
    check(field("email", "eq", INJECTION));
    check(field("city", "contains", INJECTION));
    check(field("tags", "in", List.of(INJECTION, "vip")), 1);
    check(attribute("nickname", "eq", INJECTION), 5);
    check(attribute("nickname", "startsWith", "';"), 5);
    for (DataSource db : databases.values()) {
      try (Connection c = db.getConnection();
          PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM crm_customer");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(6);
      }
    }
  }

  @Test
  void consentIsTheDecisionInForceAtTheEvaluationTime() {
    SegmentRule email = SegmentRule.consent("EMAIL", "MARKETING");
    // 2: a grant and a denial at the same instant: the refusal wins; 3: a later pending request replaces the grant;
    // 5: the grant comes after the evaluation time
    check(email, 1);
    check(not(email), 2, 3, 5);
    checkAt(Instant.parse("2026-06-21T00:00:00Z"), email, 1, 5);
    check(SegmentRule.consent("SMS", "MARKETING"));
    check(SegmentRule.consent("EMAIL", "SERVICE"));
  }

  @Test
  void purchaseCountsAndZero() {
    check(purchases("count", null, null, null, "gte", 1), 1, 5);
    check(purchases("count", null, null, null, "lt", 1), 2, 3);
    check(purchases("count", null, null, null, "eq", 0), 2, 3);
    check(purchases("count", null, null, null, "ne", 0), 1, 5);
    check(purchases("count", null, null, null, "between", List.of(0, 1)), 2, 3, 5);
    check(purchases("count", null, null, 30, "gte", 2), 1);
    check(purchases("count", null, new EventFilter(List.of("CANCELLED", "REFUNDED"), null, null, null, null, null,
        null, null), null, "gte", 1), 1, 2);
    check(purchases("count", null, new EventFilter(null, null, List.of("erp"), null, null, null, null, null), null,
        "gte", 1), 1);
    check(SegmentRule.behaviour(new BehaviourCondition("purchases", "count", null, null, null, "2026-03-01",
        "2026-03-01", "gte", 1)), 1);
    check(SegmentRule.behaviour(new BehaviourCondition("purchases", "count", null, null, null, "2026-03-02",
        "2026-06-09", "gte", 1)));
  }

  @Test
  void purchaseAmounts() {
    check(purchases("sum", "netTotal", eur(), null, "gte", 150), 1);
    check(purchases("sum", "netTotal", eur(), null, "lt", 20), 2, 3, 5);
    check(purchases("sum", "total", eur(), null, "eq", 160), 1);
    check(purchases("sum", "refundedTotal", eur(), null, "gt", 0), 1);
    check(purchases("avg", "netTotal", eur(), null, "eq", 75), 1);
    check(purchases("avg", "netTotal", eur(), null, "lt", 1000), 1, 5);
    check(purchases("avg", "netTotal", eur(), null, "ne", 75), 5);
    check(purchases("max", "total", eur(), null, "gte", 100), 1);
    check(purchases("min", "netTotal", eur(), null, "lte", 10), 5);
    check(purchases("sum", "netTotal", new EventFilter(null, "USD", null, null, null, null, null, null), null,
        "eq", 30), 1);
  }

  @Test
  void lineFiltersAndLineMeasures() {
    check(purchases("count", null, new EventFilter(null, null, null, List.of("bags"), null, null, null, null),
        null, "gte", 2), 1);
    // category and SKU must hold for the same line
    check(purchases("count", null, new EventFilter(null, null, null, List.of("bags"), List.of("SKU-1"), null, null,
        null), null, "gte", 1));
    check(SegmentRule.behaviour(new BehaviourCondition("purchaseLines", "sum", "quantity",
        new EventFilter(null, null, null, List.of("shoes"), null, null, null, null), null, null, null, "gte", 2)), 1);
    check(SegmentRule.behaviour(new BehaviourCondition("purchaseLines", "count", null,
        new EventFilter(null, null, null, null, List.of("100%_X"), null, null, null), null, null, null, "gte", 1)), 5);
    check(SegmentRule.behaviour(new BehaviourCondition("purchaseLines", "max", "unitPrice", eur(), null, null, null,
        "eq", 60)), 1);
    check(SegmentRule.behaviour(new BehaviourCondition("purchaseLines", "avg", "quantity", null, null, null, null,
        "eq", new BigDecimal("1.75"))), 1);
  }

  @Test
  void interactionCounts() {
    SegmentRule lastWeek = SegmentRule.behaviour(new BehaviourCondition("interactions", "count", null, null, 7, null,
        null, "gte", 1));
    check(lastWeek, 1, 2);
    check(SegmentRule.behaviour(new BehaviourCondition("interactions", "count", null,
        new EventFilter(null, null, null, null, null, List.of("CHAT"), null, null), null, null, null, "gte", 1)), 2);
    check(SegmentRule.behaviour(new BehaviourCondition("interactions", "count", null,
        new EventFilter(null, null, null, null, null, null, List.of("CAMPAIGN_OPENED"), List.of("INBOUND")), null,
        null, null, "eq", 1)), 1);
    check(SegmentRule.behaviour(new BehaviourCondition("interactions", "count", null, null, null, null, null, "eq",
        0)), 3, 5);
  }

  @Test
  void recencyOfTheLastEvent() {
    check(SegmentRule.recency(new RecencyCondition("purchases", null, "gt", 90)));
    check(SegmentRule.recency(new RecencyCondition("purchases", null, "lt", 7)), 1, 5);
    check(SegmentRule.recency(new RecencyCondition("purchases", null, "lte", 0)), 5);
    check(SegmentRule.recency(new RecencyCondition("purchases", null, "gte", 1)), 1);
    check(SegmentRule.recency(new RecencyCondition("purchases", eur(), "gte", 5)), 1);
    check(SegmentRule.recency(new RecencyCondition("interactions", null, "gt", 30)));
    check(SegmentRule.recency(new RecencyCondition("interactions",
        new EventFilter(null, null, null, null, null, List.of("CHAT"), null, null), "gt", 30)), 2);
  }

  @Test
  void firstPurchase() {
    check(SegmentRule.firstPurchase("after", "2026-03-01"), 5);
    check(SegmentRule.firstPurchase("gte", "2026-03-01"), 1, 5);
    check(SegmentRule.firstPurchase("eq", "2026-03-01"), 1);
    check(SegmentRule.firstPurchase("ne", "2026-03-01"), 2, 3, 5);
    check(SegmentRule.firstPurchase("missing", null), 2, 3);
    check(SegmentRule.firstPurchase("exists", null), 1, 5);
    check(SegmentRule.firstPurchase("withinLastDays", 30), 5);
    checkAt(Instant.parse("2026-06-21T00:00:00Z"), SegmentRule.firstPurchase("withinLastDays", 30), 2, 5);
  }

  @Test
  void scores() {
    check(SegmentRule.rfm(new RfmCondition(List.of(4, 5), null, null)), 1);
    check(SegmentRule.rfm(new RfmCondition(null, List.of(1), List.of(1))), 2);
    check(SegmentRule.rfm(new RfmCondition(List.of(1, 2, 3, 4, 5), null, null)), 1, 2);
    check(SegmentRule.rfmGroup("champions"), 1);
    check(SegmentRule.rfmGroup("lost"), 2);
    check(SegmentRule.rfmGroup("newCustomers"));
    check(SegmentRule.engagement("gte", 60), 1, 5);
    check(SegmentRule.engagement("ne", 60), 1, 2, 3);
    check(SegmentRule.engagement("eq", 0), 2);
    check(SegmentRule.engagement("between", List.of(0, 60)), 2, 5);
    check(SegmentRule.engagement("missing", null), 3);
  }

  @Test
  void segmentMembershipIsTheOpenPeriod() {
    check(SegmentRule.segment("vip"), 1, 5);
    check(not(SegmentRule.segment("vip")), 2, 3);
    check(SegmentRule.segment("lapsed"));
  }

  @Test
  void groupsCombine() {
    check(all(field("country", "exists", null), not(field("country", "eq", "DE"))), 2, 5);
    check(any(field("tags", "contains", "vip"), SegmentRule.segment("vip"), field("lifecycleStage", "eq", "LEAD")),
        1, 2, 5);
    check(not(any(field("country", "eq", "DE"), field("country", "missing", null))), 2, 5);
    check(all(SegmentRule.consent("EMAIL", "MARKETING"), purchases("sum", "netTotal", eur(), 180, "gte", 100)), 1);
  }

  @Test
  void oneOpenMembershipPerSegmentAndCustomer() throws SQLException {
    for (Map.Entry<String, DataSource> db : databases.entrySet()) {
      try (Connection c = db.getValue().getConnection()) {
        List<String> outcomes = new ArrayList<>();
        for (String leftAt : Arrays.asList(null, "2026-02-01T00:00:00Z", "2026-04-01T00:00:00Z")) {
          try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment_member (segment_id, customer_id,"
              + " entered_at, left_at) VALUES (1, 5, ?, ?)")) {
            s.setObject(1, Instant.parse("2026-01-15T00:00:00Z").atOffset(ZoneOffset.UTC));
            s.setObject(2, leftAt == null ? null : Instant.parse(leftAt).atOffset(ZoneOffset.UTC));
            s.executeUpdate();
            outcomes.add("stored");
          } catch (SQLException e) {
            outcomes.add("rejected");
          }
        }
        // a second open period and a second period closed at the same instant are rejected; another closed one is not
        assertThat(outcomes).as(db.getKey()).containsExactly("rejected", "rejected", "stored");
        try (PreparedStatement s = c.prepareStatement("DELETE FROM crm_segment_member WHERE segment_id = 1"
            + " AND customer_id = 5 AND left_at = ?")) {
          s.setObject(1, Instant.parse("2026-04-01T00:00:00Z").atOffset(ZoneOffset.UTC));
          assertThat(s.executeUpdate()).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void invalidRulesAreNotCompiledAndReferencesAreListed() {
    assertThatThrownBy(() -> compiler.compile(field("password", "eq", "x"), data.catalog(), AS_OF))
        .isInstanceOf(org.clientele.crm.api.InvalidInputException.class)
        .hasMessageContaining("rule.field is not a profile field");
    Set<String> keys = new LinkedHashSet<>(SegmentRuleValidator.referencedSegments(
        all(SegmentRule.segment("vip"), not(SegmentRule.segment("lapsed")), SegmentRule.segment("vip"))));
    assertThat(keys).containsExactly("vip", "lapsed");
  }
}

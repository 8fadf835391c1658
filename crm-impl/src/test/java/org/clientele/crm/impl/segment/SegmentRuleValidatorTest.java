package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clientele.crm.api.segment.SegmentRule.all;
import static org.clientele.crm.api.segment.SegmentRule.any;
import static org.clientele.crm.api.segment.SegmentRule.attribute;
import static org.clientele.crm.api.segment.SegmentRule.field;
import static org.clientele.crm.api.segment.SegmentRule.not;
import static org.clientele.crm.api.segment.SegmentRule.segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.segment.BehaviourCondition;
import org.clientele.crm.api.segment.EventFilter;
import org.clientele.crm.api.segment.RecencyCondition;
import org.clientele.crm.api.segment.RfmCondition;
import org.clientele.crm.api.segment.SegmentRule;
import org.junit.jupiter.api.Test;

/** Every way a rule can be wrong is reported with the path of the offending node or value. */
class SegmentRuleValidatorTest {

  private final SegmentRuleValidator validator = new SegmentRuleValidator();
  private final Map<String, SegmentRule> segments = new HashMap<>();
  private final SegmentCatalog catalog = new SegmentCatalog() {
    @Override
    public Optional<Segment> segment(String key) {
      return segments.containsKey(key) ? Optional.of(new Segment(key, segments.get(key))) : Optional.empty();
    }

    @Override
    public Optional<AttributeDefinition> attribute(String key) {
      return Optional.ofNullable(DatasetGenerator.attributeDefinitions().get(key));
    }
  };

  private List<FieldViolation> violations(SegmentRule rule) {
    return validator.violations(null, rule, catalog);
  }

  private static FieldViolation v(String field, String message) {
    return new FieldViolation(field, message);
  }

  private static SegmentRule behaviour(String of, String measure, String amountOf, EventFilter where,
      Integer lastDays, String from, String to, String op, Object value) {
    return SegmentRule.behaviour(new BehaviourCondition(of, measure, amountOf, where, lastDays, from, to, op, value));
  }

  @Test
  void acceptsAValidRuleOfEveryKind() {
    segments.put("vip", null);
    SegmentRule rule = all(
        field("lifecycleStage", "in", List.of("ACTIVE", "AT_RISK")),
        attribute("loyalty_tier", "eq", "gold"),
        SegmentRule.consent("EMAIL", "MARKETING"),
        behaviour("purchases", "sum", "netTotal", new EventFilter(List.of("PAID"), "EUR", null, List.of("shoes"),
            null, null, null, null), 30, null, null, "gte", new BigDecimal("100")),
        behaviour("interactions", "count", null, new EventFilter(null, null, null, null, null, List.of("EMAIL"),
            List.of("CAMPAIGN_OPENED"), null), null, "2026-01-01", "2026-03-31", "gte", 1),
        SegmentRule.recency(new RecencyCondition("purchases", null, "gt", 90)),
        SegmentRule.firstPurchase("after", "2026-01-01"),
        any(SegmentRule.rfm(new RfmCondition(List.of(4, 5), null, null)), SegmentRule.rfmGroup("champions")),
        not(SegmentRule.engagement("lt", 60)),
        segment("vip"));
    assertThat(violations(rule)).isEmpty();
    validator.validate("other", rule, catalog);
  }

  @Test
  void aNodeHasExactlyOneKind() {
    SegmentRule empty = new SegmentRule(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
    assertThat(violations(empty)).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("rule");
      assertThat(v.message()).startsWith("must have one of all, any, not, field");
    });
    SegmentRule two = new SegmentRule(List.of(field("country", "eq", "DE")), null, null, "country", null, "eq",
        "DE", null, null, null, null, null, null, null, null);
    assertThat(violations(two)).containsExactly(v("rule", "must have only one of all, field"));
    assertThat(violations(null)).containsExactly(v("rule", "is required"));
  }

  @Test
  void pathsNameTheOffendingNode() {
    SegmentRule rule = all(field("country", "eq", "DE"), field("city", "eq", "Berlin"),
        any(field("email", "gt", "a@b.c"), field("nope", "eq", "x")));
    assertThat(violations(rule)).containsExactly(
        v("rule.all[2].any[0].op", "does not apply to a text value; use one of eq, ne, in, notIn, contains,"
            + " startsWith, exists, missing"),
        v("rule.all[2].any[1].field", "is not a profile field; use one of givenName, familyName, email, phone,"
            + " birthDate, language, country, region, city, postalCode, lifecycleStage, tags, attentionSince,"
            + " createdAt, updatedAt"));
  }

  @Test
  void emptyGroupsAndMissingChildren() {
    assertThat(violations(all())).containsExactly(v("rule.all", "must have at least one condition"));
    assertThat(violations(any(field("country", "eq", "DE"), null)))
        .containsExactly(v("rule.any[1]", "is required"));
    assertThat(violations(not(null))).containsExactly(v("rule", "must have one of all, any, not, field, attribute,"
        + " consent, behaviour, recency, firstPurchase, rfm, rfmGroup, engagement, segment"));
  }

  @Test
  void operatorsAndTypes() {
    assertThat(violations(field("country", "like", "D%")))
        .extracting(FieldViolation::field, FieldViolation::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("rule.op",
            "is not an operator; use one of eq, ne, in, notIn, contains, startsWith, exists, missing"));
    assertThat(violations(field("country", null, "DE"))).containsExactly(v("rule.op", "is required"));
    assertThat(violations(field("birthDate", "contains", "19"))).extracting(FieldViolation::field)
        .containsExactly("rule.op");
    assertThat(violations(field("tags", "eq", "vip"))).extracting(FieldViolation::field).containsExactly("rule.op");
    assertThat(violations(field("country", "eq", 49))).containsExactly(v("rule.value", "must be a string"));
    assertThat(violations(field("country", "eq", " "))).containsExactly(v("rule.value", "must not be blank"));
    assertThat(violations(field("country", "eq", null))).containsExactly(v("rule.value", "is required"));
    assertThat(violations(field("lifecycleStage", "eq", "VIP")))
        .containsExactly(v("rule.value", "must be one of [LEAD, PROSPECT, ACTIVE, AT_RISK, CHURNED]"));
    assertThat(violations(field("birthDate", "after", "01.02.2000")))
        .containsExactly(v("rule.value", "must be an ISO date, e.g. 2026-03-01"));
    assertThat(violations(field("birthDate", "after", "2000-01-01T00:00:00Z")))
        .containsExactly(v("rule.value", "must be an ISO date, e.g. 2026-03-01"));
    assertThat(violations(field("createdAt", "after", "yesterday"))).containsExactly(
        v("rule.value", "must be an ISO date (2026-03-01) or instant (2026-03-01T12:00:00Z)"));
    assertThat(violations(field("createdAt", "after", "0999-12-31")))
        .containsExactly(v("rule.value", "must be between the years 1000 and 9998"));
    assertThat(violations(field("country", "exists", "DE")))
        .containsExactly(v("rule.value", "must be absent for exists"));
    assertThat(violations(attribute("score", "gt", "5"))).containsExactly(v("rule.value", "must be a number"));
    assertThat(violations(attribute("score", "gt", Double.NaN))).containsExactly(v("rule.value", "must be a number"));
    assertThat(violations(attribute("score", "gt", new BigDecimal("1e20"))))
        .containsExactly(v("rule.value", "must be less than 10^20 in magnitude"));
    assertThat(violations(attribute("opted_in", "eq", "true")))
        .containsExactly(v("rule.value", "must be true or false"));
    assertThat(violations(attribute("opted_in", "gt", true))).extracting(FieldViolation::field)
        .containsExactly("rule.op");
    assertThat(violations(attribute("loyalty_tier", "in", List.of("gold", "platinum"))))
        .containsExactly(v("rule.value[1]", "must be one of [bronze, silver, gold]"));
  }

  @Test
  void listsAndRanges() {
    assertThat(violations(field("country", "in", "DE")))
        .containsExactly(v("rule.value", "must be a list of 1 to 1000 values"));
    assertThat(violations(field("country", "in", List.of())))
        .containsExactly(v("rule.value", "must be a list of 1 to 1000 values"));
    assertThat(violations(field("country", "notIn", Arrays.asList("DE", null, 3)))).containsExactly(
        v("rule.value[1]", "is required"), v("rule.value[2]", "must be a string"));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add("v" + i);
    }
    assertThat(violations(field("city", "in", many)))
        .containsExactly(v("rule.value", "must be a list of 1 to 1000 values"));
    assertThat(violations(attribute("score", "between", List.of(5))))
        .containsExactly(v("rule.value", "must be a list of two values [low, high]"));
    assertThat(violations(attribute("score", "between", List.of(5, 1))))
        .containsExactly(v("rule.value", "must be [low, high] with low not above high"));
    assertThat(violations(field("createdAt", "between", List.of("2026-01-02", "2026-01-01T23:00:00Z"))))
        .containsExactly(v("rule.value", "must be [low, high] with low not above high"));
  }

  @Test
  void relativeWindowsAreBounded() {
    assertThat(violations(field("createdAt", "withinLastDays", 3651)))
        .containsExactly(v("rule.value", "makes the window too large: at most 3650 days"));
    assertThat(violations(field("createdAt", "withinLastDays", 0))).containsExactly(v("rule.value", "must be at least 1"));
    assertThat(violations(field("createdAt", "moreThanDaysAgo", 1.5)))
        .containsExactly(v("rule.value", "must be a whole number of days"));
    assertThat(violations(field("createdAt", "withinLastDays", "30")))
        .containsExactly(v("rule.value", "must be a whole number of days"));
    assertThat(violations(behaviour("purchases", "count", null, null, 4000, null, null, "gte", 1)))
        .containsExactly(v("rule.behaviour.withinLastDays", "makes the window too large: at most 3650 days"));
    assertThat(violations(behaviour("purchases", "count", null, null, null, "2016-01-01", "2026-01-01", "gte", 1)))
        .containsExactly(v("rule.behaviour.to", "makes the window too large: at most 3650 days"));
    assertThat(violations(behaviour("purchases", "count", null, null, null, "2026-02-01", "2026-01-01", "gte", 1)))
        .containsExactly(v("rule.behaviour.from", "must not be after to"));
    assertThat(violations(behaviour("purchases", "count", null, null, null, "2026-02-01", null, "gte", 1)))
        .containsExactly(v("rule.behaviour.to", "is required with from"));
    assertThat(violations(behaviour("purchases", "count", null, null, 30, "2026-02-01", "2026-03-01", "gte", 1)))
        .containsExactly(v("rule.behaviour.withinLastDays", "must not be combined with from and to"));
    assertThat(violations(SegmentRule.recency(new RecencyCondition("purchases", null, "gt", 3651))))
        .containsExactly(v("rule.recency.days", "makes the window too large: at most 3650 days"));
  }

  @Test
  void behaviourConditions() {
    assertThat(violations(behaviour("orders", "count", null, null, null, null, null, "gte", 1)))
        .containsExactly(v("rule.behaviour.of", "must be one of purchases, purchaseLines, interactions"));
    assertThat(violations(behaviour("interactions", "sum", "total", null, null, null, null, "gte", 1)))
        .containsExactly(v("rule.behaviour.measure", "must be count for interactions"));
    assertThat(violations(behaviour("purchases", "sum", null, null, null, null, null, "gte", 1)))
        .containsExactly(v("rule.behaviour.amountOf", "is required for sum"));
    assertThat(violations(behaviour("purchases", "count", "total", null, null, null, null, "gte", 1)))
        .containsExactly(v("rule.behaviour.amountOf", "must be absent for count"));
    assertThat(violations(behaviour("purchases", "avg", "lineTotal", null, null, null, null, "gte", 1)))
        .containsExactly(v("rule.behaviour.amountOf",
            "must be one of total, netTotal, subtotal, discountTotal, refundedTotal"));
    assertThat(violations(behaviour("purchases", "sum", "netTotal", null, null, null, null, "gte", 1)))
        .containsExactly(v("rule.behaviour.where.currency",
            "is required to add up or compare amounts of money (of one currency)"));
    assertThat(violations(behaviour("purchaseLines", "sum", "quantity", null, null, null, null, "gte", 1))).isEmpty();
    assertThat(violations(behaviour("purchases", "count", null, null, null, null, null, "gte", 1.5)))
        .containsExactly(v("rule.behaviour.value", "must be a whole number of at least 0 for count"));
    assertThat(violations(behaviour("purchases", "count", null, null, null, null, null, "contains", 1)))
        .extracting(FieldViolation::field).containsExactly("rule.behaviour.op");
    assertThat(violations(behaviour("purchases", "count", null, new EventFilter(List.of("LOST"), "eur", null,
        List.of(), null, List.of("EMAIL"), null, null), null, null, null, "gte", 1))).containsExactly(
        v("rule.behaviour.where.status[0]", "must be one of PLACED, PAID, FULFILLED, REFUNDED, CANCELLED"),
        v("rule.behaviour.where.currency", "must be an ISO 4217 code, e.g. EUR"),
        v("rule.behaviour.where.category", "must have 1 to 1000 values"),
        v("rule.behaviour.where.channel", "does not apply to purchases"));
    assertThat(violations(behaviour("interactions", "count", null, new EventFilter(null, "EUR", null, null, null,
        null, List.of("CALL", "SHOUT"), null), null, null, null, "gte", 1))).containsExactly(
        v("rule.behaviour.where.type[1]", "must be one of INQUIRY, COMPLAINT, VISIT, CALL, MESSAGE, NOTE,"
            + " CAMPAIGN_SENT, CAMPAIGN_OPENED, CAMPAIGN_CLICKED, CAMPAIGN_BOUNCED, UNSUBSCRIBE, FEEDBACK, ORDER"),
        v("rule.behaviour.where.currency", "does not apply to interactions"));
  }

  @Test
  void otherConditions() {
    assertThat(violations(SegmentRule.consent("FAX", null))).containsExactly(
        v("rule.consent.channel", "must be one of EMAIL, SMS, PHONE, POST, PUSH"),
        v("rule.consent.purpose", "is required"));
    assertThat(violations(SegmentRule.recency(new RecencyCondition("purchaseLines", null, "eq", null))))
        .containsExactly(v("rule.recency.of", "must be one of purchases, interactions"),
            v("rule.recency.op", "must be one of gt, gte, lt, lte"), v("rule.recency.days", "is required"));
    assertThat(violations(SegmentRule.firstPurchase("contains", "2026"))).extracting(FieldViolation::field)
        .containsExactly("rule.firstPurchase.op");
    assertThat(violations(SegmentRule.rfm(new RfmCondition(null, null, null))))
        .containsExactly(v("rule.rfm", "must restrict at least one of recency, frequency, monetary"));
    assertThat(violations(SegmentRule.rfm(new RfmCondition(List.of(0, 5), List.of(), null)))).containsExactly(
        v("rule.rfm.recency[0]", "must be a score from 1 to 5"), v("rule.rfm.frequency", "must have at least one score"));
    assertThat(violations(SegmentRule.rfmGroup("whales"))).containsExactly(v("rule.rfmGroup",
        "must be one of champions, loyal, potentialLoyalists, newCustomers, needsAttention, atRisk, lost"));
    assertThat(violations(SegmentRule.engagement("gte", 101)))
        .containsExactly(v("rule.engagement.value", "must be between 0 and 100"));
    assertThat(violations(SegmentRule.engagement("in", List.of(1)))).extracting(FieldViolation::field)
        .containsExactly("rule.engagement.op");
  }

  @Test
  void strayMembersOnConditionsThatDoNotTakeThem() {
    SegmentRule rule = new SegmentRule(null, null, null, null, null, "eq", "x", null, null, null, null, null,
        "champions", null, null);
    assertThat(violations(rule)).containsExactly(v("rule.op", "applies only to field and attribute conditions"),
        v("rule.value", "applies only to field and attribute conditions"));
  }

  @Test
  void unknownAttributesAndSegments() {
    assertThat(violations(attribute("shoe_size", "eq", "42")))
        .containsExactly(v("rule.attribute", "is not a registered attribute"));
    assertThat(violations(segment("nobody"))).containsExactly(v("rule.segment", "is not a known segment"));
    assertThat(violations(segment(" "))).containsExactly(v("rule.segment", "must not be blank"));
  }

  @Test
  void segmentReferenceCycles() {
    segments.put("a", segment("b"));
    segments.put("b", all(field("country", "eq", "DE"), segment("c")));
    segments.put("c", null);
    // c is static: a -> b -> c ends
    assertThat(validator.violations("x", segment("a"), catalog)).isEmpty();
    // c refers back to the rule being validated
    assertThat(validator.violations("c", not(segment("a")), catalog))
        .containsExactly(v("rule.not.segment", "refers to segments in a cycle: c → a → b → c"));
    // a rule referring to itself, even before it is stored
    assertThat(validator.violations("new", any(field("country", "eq", "DE"), segment("new")), catalog))
        .containsExactly(v("rule.any[1].segment", "refers to segments in a cycle: new → new"));
    // a cycle among stored segments is reported where the rule enters it
    segments.put("c", segment("a"));
    assertThat(validator.violations(null, all(field("country", "eq", "DE"), segment("b")), catalog))
        .containsExactly(v("rule.all[1].segment", "refers to segments in a cycle: b → c → a → b"));
  }

  @Test
  void sizeLimits() {
    SegmentRule deep = field("country", "eq", "DE");
    for (int i = 0; i < SegmentRuleValidator.MAX_DEPTH; i++) {
      deep = not(deep);
    }
    assertThat(violations(deep)).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("rule" + ".not".repeat(SegmentRuleValidator.MAX_DEPTH));
      assertThat(v.message()).isEqualTo("nests too deep: rules may have at most 8 levels");
    });
    List<SegmentRule> wide = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      wide.add(all(field("country", "eq", "DE"), field("city", "eq", "Berlin"), field("email", "eq", "a@b.c"),
          field("phone", "eq", "+1"), field("region", "eq", "NY")));
    }
    assertThat(violations(SegmentRule.any(wide.toArray(SegmentRule[]::new))))
        .containsExactly(v("rule", "has too many conditions: at most 500"));
  }

  @Test
  void validateThrowsWithEveryViolation() {
    assertThatThrownBy(() -> validator.validate(null, all(field("nope", "eq", "x"), SegmentRule.rfmGroup("x")),
        catalog))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field).containsExactly("rule.all[0].field", "rule.all[1].rfmGroup"))
        .hasMessageStartingWith("Invalid input: rule.all[0].field is not a profile field");
  }
}

package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clientele.crm.api.segment.SegmentRule.all;
import static org.clientele.crm.api.segment.SegmentRule.attribute;
import static org.clientele.crm.api.segment.SegmentRule.field;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.segment.BehaviourCondition;
import org.clientele.crm.api.segment.EventFilter;
import org.clientele.crm.api.segment.SegmentRule;
import org.junit.jupiter.api.Test;

/** The shape of the compiled SQL: one query, whitelisted identifiers, every value a parameter. */
class SegmentSqlCompilerTest {

  static final Instant AS_OF = Instant.parse("2026-06-15T12:00:00Z");

  private final SegmentSqlCompiler compiler = new SegmentSqlCompiler();
  private final SegmentCatalog catalog = new DatasetGenerator(1).generate(1).catalog();

  @Test
  void selectsActiveCustomerIds() {
    CompiledRule compiled = compiler.compile(field("country", "eq", "DE"), catalog, AS_OF);
    assertThat(compiled.sql()).isEqualTo("SELECT c.id FROM crm_customer c WHERE c.status = 'ACTIVE' AND"
        + " ((c.country IS NOT NULL AND c.country = ?))");
    assertThat(compiled.parameters()).containsExactly("DE");
  }

  @Test
  void valuesNeverReachTheSqlText() {
    String injection = "x' OR '1'='1";
    SegmentRule rule = all(field("email", "eq", injection), field("city", "contains", injection),
        field("tags", "in", List.of(injection, "'; DROP TABLE crm_customer; --")),
        attribute("nickname", "startsWith", injection), SegmentRule.segment("vip"),
        SegmentRule.behaviour(new BehaviourCondition("purchases", "count", null, new EventFilter(null, null,
            List.of(injection), List.of(injection), List.of(injection), null, null, null), null, null, null, "gte",
            1)));
    CompiledRule compiled = compiler.compile(rule, catalog, AS_OF);
    assertThat(compiled.sql()).doesNotContain(injection).doesNotContain("DROP").doesNotContain("vip");
    assertThat(compiled.sql().chars().filter(ch -> ch == '?').count()).isEqualTo(compiled.parameters().size());
    assertThat(compiled.parameters()).contains(injection, "%" + injection + "%", injection + "%",
        catalog.segment("vip").orElseThrow().id());
  }

  @Test
  void aSegmentReferenceBindsTheSegmentIdWhenKnownAndTheKeyOtherwise() {
    CompiledRule byId = compiler.compile(SegmentRule.segment("vip"), catalog, AS_OF);
    assertThat(byId.sql()).contains(".segment_id = ?").doesNotContain("crm_segment g");
    assertThat(byId.parameters()).containsExactly(catalog.segment("vip").orElseThrow().id());

    SegmentCatalog withoutIds = new SegmentCatalog() {
      @Override
      public java.util.Optional<Segment> segment(String key) {
        return catalog.segment(key).map(s -> new Segment(s.key(), s.rule()));
      }

      @Override
      public java.util.Optional<org.clientele.crm.api.customer.AttributeDefinition> attribute(String key) {
        return catalog.attribute(key);
      }
    };
    CompiledRule byKey = compiler.compile(SegmentRule.segment("vip"), withoutIds, AS_OF);
    assertThat(byKey.sql()).contains(".segment_key = ?");
    assertThat(byKey.parameters()).containsExactly("vip");
  }

  @Test
  void likePatternsEscapeTheirWildcards() {
    CompiledRule compiled = compiler.compile(field("city", "contains", "50%_off!"), catalog, AS_OF);
    assertThat(compiled.sql()).endsWith("(c.city IS NOT NULL AND c.city LIKE ? ESCAPE '!'))");
    assertThat(compiled.parameters()).containsExactly("%50!%!_off!!%");
    assertThat(compiler.compile(field("givenName", "startsWith", "ANN_"), catalog, AS_OF).parameters())
        .as("names: lower-cased for the search key").containsExactly("ann!_%");
  }

  @Test
  void negativeOperatorsAreComplements() {
    assertThat(compiler.compile(field("country", "ne", "DE"), catalog, AS_OF).sql())
        .endsWith("NOT ((c.country IS NOT NULL AND c.country = ?)))");
    assertThat(compiler.compile(attribute("score", "notIn", List.of(1, 2)), catalog, AS_OF).sql())
        .contains("NOT (EXISTS (SELECT 1 FROM crm_customer_attribute a1 WHERE a1.customer_id = c.id AND"
            + " a1.attr_key = ? AND a1.value_number IN (?, ?)))");
  }

  @Test
  void windowsAreParametersDerivedFromTheEvaluationTime() {
    CompiledRule compiled = compiler.compile(SegmentRule.behaviour(new BehaviourCondition("purchases", "count", null,
        null, 30, null, null, "gte", 2)), catalog, AS_OF);
    assertThat(compiled.parameters()).containsExactly(AS_OF.atOffset(ZoneOffset.UTC),
        Instant.parse("2026-05-16T12:00:00Z").atOffset(ZoneOffset.UTC), new BigDecimal(2));
    assertThat(compiled.sql()).contains("p1.status NOT IN ('CANCELLED', 'REFUNDED')")
        .contains("GROUP BY p1.customer_id HAVING COUNT(*) >= ?");

    CompiledRule dates = compiler.compile(field("birthDate", "withinLastDays", 7), catalog, AS_OF);
    assertThat(dates.parameters()).containsExactly(LocalDate.parse("2026-06-08"), LocalDate.parse("2026-06-15"));
    CompiledRule day = compiler.compile(field("createdAt", "eq", "2026-01-10"), catalog, AS_OF);
    assertThat(day.parameters()).containsExactly(OffsetDateTime.parse("2026-01-10T00:00:00Z"),
        OffsetDateTime.parse("2026-01-11T00:00:00Z"));
  }

  @Test
  void countsThatZeroSatisfiesSelectTheComplement() {
    CompiledRule none = compiler.compile(SegmentRule.behaviour(new BehaviourCondition("interactions", "count", null,
        null, 90, null, null, "lt", 1)), catalog, AS_OF);
    assertThat(none.sql()).contains("c.id NOT IN (SELECT i1.customer_id FROM crm_interaction i1")
        .contains("HAVING NOT (COUNT(*) < ?)");
  }

  @Test
  void invalidRulesAreRejected() {
    assertThatThrownBy(() -> compiler.compile(field("status", "eq", "MERGED"), catalog, AS_OF))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> compiler.compile(SegmentRule.segment("vip"), catalog, null))
        .isInstanceOf(NullPointerException.class);
  }
}

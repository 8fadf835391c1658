package org.clientele.crm.rest.segment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.segment.SegmentRule;
import org.junit.jupiter.api.Test;

class RuleShapeTest {

  @Test
  void aWellFormedRuleHasNoViolations() {
    String json = """
        {"all":[{"field":"country","op":"in","value":["DE","AT"]},
          {"behaviour":{"of":"purchases","measure":"sum","amountOf":"netTotal","where":{"currency":"EUR",
            "status":["PAID"]},"withinLastDays":30,"op":"between","value":[10,20.5]}},
          {"rfm":{"recency":[4,5]}},{"not":{"segment":"vip"}},{"consent":{"channel":"EMAIL","purpose":"MARKETING"}},
          {"engagement":{"op":"gte","value":60}},{"firstPurchase":{"op":"missing"}},
          {"recency":{"of":"interactions","op":"lt","days":7}},{"attribute":"vip","op":"eq","value":true}]}""";

    assertThat(violations(json)).isEmpty();
  }

  @Test
  void unknownMembersAreNamedWithTheirPath() {
    List<FieldViolation> violations = violations("""
        {"all":[{"field":"country","op":"eq","value":"DE"},
          {"behaviour":{"of":"purchases","measure":"count","withinLastDay":30,"op":"gte","value":2}},
          {"feild":"city"}]}""");

    assertThat(violations).extracting(FieldViolation::field)
        .containsExactly("rule.all[1].behaviour.withinLastDay", "rule.all[2].feild");
    assertThat(violations.get(0).message()).contains("withinLastDays");
  }

  @Test
  void wrongJsonTypesAreNamedWithTheirPath() {
    List<FieldViolation> violations = violations("""
        {"any":{"field":"country"},"not":[],"field":7,"value":{"a":1},
         "behaviour":{"withinLastDays":"thirty","where":{"status":"PAID"}},
         "recency":{"days":1.5},"rfm":{"recency":[1,"5"]},"engagement":{"value":[1,{"b":2}]}}""");

    assertThat(violations).extracting(FieldViolation::field).containsExactlyInAnyOrder("rule.any", "rule.not",
        "rule.field", "rule.value", "rule.behaviour.withinLastDays", "rule.behaviour.where.status",
        "rule.recency.days", "rule.rfm.recency[1]", "rule.engagement.value[1]");
  }

  @Test
  void aRuleMustBeAnObjectAndNullIsLeftToTheValidator() {
    assertThat(violations("[1]")).extracting(FieldViolation::field).containsExactly("rule");
    assertThat(RuleShape.violations("rule", null, SegmentRule.class)).isEmpty();
    assertThat(violations("{\"not\":null}")).isEmpty();
  }

  private static List<FieldViolation> violations(String json) {
    JsonValue value = Json.createReader(new StringReader(json)).readValue();
    return RuleShape.violations("rule", value, SegmentRule.class);
  }
}

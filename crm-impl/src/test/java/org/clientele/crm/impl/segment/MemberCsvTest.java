package org.clientele.crm.impl.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class MemberCsvTest {

  @Test
  void readsEmailsWithQuotesCrLfAndExtraColumns() {
    MemberCsv.Parsed parsed = MemberCsv.parse("\uFEFFName,E-Mail,EMAIL\r\n\"Smith, Ann\",x,ann@example.com\r\n"
        + "\"Bob \"\"B\"\"\",y,\" bob@example.com \"\r\n\r\n");
    assertThat(parsed.key()).isEqualTo(MemberCsv.Key.EMAIL);
    assertThat(parsed.rows()).containsExactly(new MemberCsv.Row(2, "ann@example.com", null),
        new MemberCsv.Row(3, "bob@example.com", null));
  }

  @Test
  void readsIdentitiesAndCustomerIds() {
    assertThat(MemberCsv.parse("system,externalId\nshopify,42\nerp,\"multi\nline\"\nerp,7").rows())
        .containsExactly(new MemberCsv.Row(2, "42", "shopify"), new MemberCsv.Row(3, "multi\nline", "erp"),
            new MemberCsv.Row(5, "7", "erp"));
    assertThat(MemberCsv.parse("customerId\n12\n13").key()).isEqualTo(MemberCsv.Key.CUSTOMER_ID);
  }

  @Test
  void reportsEveryMalformedRowByLine() {
    assertThatThrownBy(() -> MemberCsv.parse("customerId,email\n12,a\nx,b\n-3,c\n,d"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).extracting(
            FieldViolation::field).containsExactly("csv.line[3]", "csv.line[4]", "csv.line[5]"));
    assertThatThrownBy(() -> MemberCsv.parse("system,externalId\nerp"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations().get(0))
            .isEqualTo(new FieldViolation("csv.line[2]", "externalId is empty")));
  }

  @Test
  void rejectsAHeaderWithoutAnIdentifyingColumnAndBrokenQuotes() {
    assertThatThrownBy(() -> MemberCsv.parse("name\nAnn")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("header");
    assertThatThrownBy(() -> MemberCsv.parse("")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> MemberCsv.parse("email\n\"ann@example.com")).isInstanceOfSatisfying(
        InvalidInputException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("csv.line[2]"));
    assertThatThrownBy(() -> MemberCsv.parse("email\n\"ann\"x@example.com")).isInstanceOf(
        InvalidInputException.class).hasMessageContaining("closing quote");
  }
}

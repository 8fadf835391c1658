package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.junit.jupiter.api.Test;

class CustomerMasterMappingTest {

  static final String CANONICAL = """
      {"messageId":"m-1","erpCustomerId":"100234","givenName":"Ada","familyName":"Lovelace",
       "email":"ada@example.com","phone":"+49 30 1234567","birthDate":"1990-12-10","language":"en",
       "address":{"line1":"Unter den Linden 1","line2":null,"postalCode":"10117","city":"Berlin",
                  "region":"BE","country":"DE"},
       "tags":["erp","vip"],"attributes":{"erpGroup":"A1","creditLimit":5000,"blocked":false},
       "changedAt":"2026-11-23T10:15:30Z"}
      """;

  @Test
  void theCanonicalLayoutNeedsNoConfiguration() {
    CustomerMaster master = CustomerMasterMapping.configured(key -> null).map(CANONICAL, "jms-1");

    assertThat(master.messageId()).isEqualTo("m-1");
    assertThat(master.erpCustomerId()).isEqualTo("100234");
    assertThat(master.changedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
    var customer = master.customer();
    assertThat(customer.identities()).containsExactly(new ExternalIdentity("ERP", "100234"));
    assertThat(customer.givenName()).isEqualTo("Ada");
    assertThat(customer.familyName()).isEqualTo("Lovelace");
    assertThat(customer.email()).isEqualTo("ada@example.com");
    assertThat(customer.phone()).isEqualTo("+49 30 1234567");
    assertThat(customer.birthDate()).isEqualTo(LocalDate.of(1990, 12, 10));
    assertThat(customer.language()).isEqualTo("en");
    assertThat(customer.address().line1()).isEqualTo("Unter den Linden 1");
    assertThat(customer.address().line2()).isNull();
    assertThat(customer.address().city()).isEqualTo("Berlin");
    assertThat(customer.address().country()).isEqualTo("DE");
    assertThat(customer.tags()).containsExactlyInAnyOrder("erp", "vip");
    assertThat(customer.attributes())
        .containsExactlyInAnyOrderEntriesOf(Map.of("erpGroup", "A1", "creditLimit", "5000", "blocked", "false"));
  }

  @Test
  void anErpWithItsOwnFieldNamesIsMappedByConfiguration() {
    Map<String, String> config = Map.of(
        "crm.erp.mapping.customer.messageId", "/header/docnum",
        "crm.erp.mapping.customer.erpCustomerId", "/KUNNR",
        "crm.erp.mapping.customer.givenName", "/NAME/0",
        "crm.erp.mapping.customer.familyName", "/NAME/1",
        "crm.erp.mapping.customer.email", "/SMTP_ADDR",
        "crm.erp.mapping.customer.address.city", "/ADRC/CITY1",
        "crm.erp.mapping.customer.address.country", "/ADRC/COUNTRY",
        "crm.erp.mapping.customer.tags", "");
    CustomerMasterMapping mapping = CustomerMasterMapping.configured(config::get);

    CustomerMaster master = mapping.map("""
        {"header":{"docnum":"0000004711"},"KUNNR":100234,"NAME":["Ada","Lovelace"],"SMTP_ADDR":"ada@example.com",
         "ADRC":{"CITY1":"Berlin","COUNTRY":"DE"},"tags":["ignored"]}
        """, null);

    assertThat(master.messageId()).isEqualTo("0000004711");
    assertThat(master.erpCustomerId()).isEqualTo("100234");
    assertThat(master.customer().givenName()).isEqualTo("Ada");
    assertThat(master.customer().familyName()).isEqualTo("Lovelace");
    assertThat(master.customer().email()).isEqualTo("ada@example.com");
    assertThat(master.customer().address().city()).isEqualTo("Berlin");
    assertThat(master.customer().address().postalCode()).isNull();
    assertThat(master.customer().tags()).isEmpty();
    assertThat(mapping.pointers()).containsEntry("phone", "/phone").containsEntry("tags", "");
  }

  @Test
  void missingFieldsAreAbsentAndTheKeyFallsBackToTheJmsOne() {
    CustomerMaster master = CustomerMasterMapping.of(Map.of()).map("{\"erpCustomerId\":\"7\"}", "ID:jms-42");

    assertThat(master.messageId()).isEqualTo("ID:jms-42");
    assertThat(master.customer().givenName()).isNull();
    assertThat(master.customer().address()).isNull();
    assertThat(master.customer().birthDate()).isNull();
    assertThat(master.customer().tags()).isEmpty();
    assertThat(master.changedAt()).isNull();
  }

  @Test
  void aMissingErpCustomerIdOrKeyAndWrongKindsAreNamed() {
    assertThatThrownBy(() -> CustomerMasterMapping.of(Map.of()).map("""
        {"givenName":{"first":"Ada"},"birthDate":"10.12.1990","tags":"vip","changedAt":"yesterday"}
        """, null))
        .isInstanceOfSatisfying(UnmappableMessageException.class, e -> {
          assertThat(e.reasonType()).isEqualTo(UnmappableMessageException.UNMAPPABLE);
          assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
              "messageId", "erpCustomerId", "givenName", "birthDate", "tags", "changedAt");
          assertThat(e.getMessage()).contains("erpCustomerId is required", "birthDate must be a date YYYY-MM-DD");
        });
  }

  @Test
  void malformedJsonIsReportedWithoutItsContent() {
    assertThatThrownBy(() -> CustomerMasterMapping.of(Map.of()).map("{\"email\":\"ada@example.com\", oops", "k"))
        .isInstanceOfSatisfying(UnmappableMessageException.class, e -> {
          assertThat(e.reasonType()).isEqualTo(UnmappableMessageException.MALFORMED);
          assertThat(e.getMessage()).contains("message is not JSON").doesNotContain("ada@example.com");
        });
    assertThatThrownBy(() -> CustomerMasterMapping.of(Map.of()).map("", "k"))
        .isInstanceOf(UnmappableMessageException.class);
    assertThatThrownBy(() -> CustomerMasterMapping.of(Map.of()).map("[1,2]", "k"))
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void aBadPointerInTheConfigurationIsRefusedAtOnce() {
    assertThatThrownBy(() -> CustomerMasterMapping.of(Map.of("email", "SMTP_ADDR")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crm.erp.mapping.customer.email");
  }
}

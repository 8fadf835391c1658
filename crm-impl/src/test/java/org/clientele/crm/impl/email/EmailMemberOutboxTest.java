package org.clientele.crm.impl.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;
import org.clientele.crm.api.customer.CustomerProfile;
import org.junit.jupiter.api.Test;

/** What a member.changed message says: the email-marketing consent only, the profile's fields by neutral name. */
class EmailMemberOutboxTest {

  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void theMessageCarriesTheEmailMarketingConsentAndTheFields() {
    CustomerProfile p = new CustomerProfile(7, 3, "Ann", null, "ann@example.com", "+4930123", LocalDate.of(1990, 4, 17),
        "de", new Address("Main St 1", null, "10115", "Berlin", null, "DE"), null, List.of(), List.of(), Set.of(),
        Map.of("tier", "gold"), List.of(
            new ConsentDecision(ConsentChannel.SMS, ConsentPurpose.MARKETING, ConsentStatus.GRANTED, "s", T1, null),
            new ConsentDecision(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, ConsentStatus.WITHDRAWN, "s",
                T1.plusSeconds(5), null)),
        null, T1, T1);

    Map<String, Object> body = EmailMemberOutbox.memberChanged(p, T1);

    assertThat(body).containsEntry("messageType", "member.changed").containsEntry("customerId", 7L)
        .containsEntry("email", "ann@example.com").containsEntry("language", "de")
        .containsEntry("consent", Map.of("status", "WITHDRAWN", "decidedAt", "2026-01-01T10:00:05Z"));
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) body.get("fields");
    assertThat(fields).containsEntry("givenName", "Ann").doesNotContainKey("familyName")
        .containsEntry("birthDate", "1990-04-17").containsEntry("address.city", "Berlin")
        .containsEntry("attributes.tier", "gold");
  }

  @Test
  void withoutAnEmailMarketingDecisionTheConsentIsNull() {
    assertThat(EmailMemberOutbox.marketingConsent(List.of(
        new ConsentDecision(ConsentChannel.EMAIL, ConsentPurpose.SERVICE, ConsentStatus.GRANTED, "s", T1, null))))
        .isNull();
  }
}

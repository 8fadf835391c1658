package org.clientele.crm.camel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.clientele.crm.camel.outbox.PermanentDeliveryException;
import org.junit.jupiter.api.Test;

/** The outbox's email messages as the CRM writes them (nulls left out). */
class MemberMessageTest {

  @Test
  void aMessageWithoutConsentLanguageOrFieldsIsReadAsSuch() throws Exception {
    MemberMessage m = MemberMessage.parse("{\"customerId\":7,\"email\":\"a@example.com\"}");
    assertThat(m.consentStatus()).isNull();
    assertThat(m.consentDecidedAt()).isNull();
    assertThat(m.language()).isNull();
    assertThat(m.fields()).isEmpty();
  }

  @Test
  void aFullMessageIsRead() throws Exception {
    MemberMessage m = MemberMessage.parse("""
        {"customerId":7,"email":"a@example.com","language":"de","consent":{"status":"GRANTED",
         "decidedAt":"2026-01-01T10:00:00Z"},"fields":{"givenName":"Ann"}}""");
    assertThat(m.granted()).isTrue();
    assertThat(m.consentDecidedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(m.fields()).containsEntry("givenName", "Ann");
    assertThat(MemberMessage.parseErased("""
        {"customerId":7,"platform":"mailchimp","audience":"L1","memberKey":"abc"}"""))
        .isEqualTo(new ErasedMember(7, "mailchimp", "L1", "abc"));
  }

  @Test
  void malformedMessagesArePermanentFailures() {
    assertThatThrownBy(() -> MemberMessage.parse("{\"email\":\"a@example.com\"}"))
        .isInstanceOf(PermanentDeliveryException.class);
    assertThatThrownBy(() -> MemberMessage.parse("not json")).isInstanceOf(PermanentDeliveryException.class);
  }
}

package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;
import org.junit.jupiter.api.Test;

class ErpConsentMappingTest {

  @Test
  void theCanonicalConsentNeedsNoConfiguration() {
    ErpConsent consent = ErpConsentMapping.configured(key -> null).map("""
        {"messageId":"c-1","erpCustomerId":"100234","channel":"email","purpose":"MARKETING","status":"GRANTED",
         "decidedAt":"2026-11-23T10:15:30Z","evidence":"paper form 12"}
        """, null);

    assertThat(consent.messageId()).isEqualTo("c-1");
    assertThat(consent.erpCustomerId()).isEqualTo("100234");
    assertThat(consent.decision()).isEqualTo(new ConsentDecision(ConsentChannel.EMAIL, ConsentPurpose.MARKETING,
        ConsentStatus.GRANTED, "ERP", Instant.parse("2026-11-23T10:15:30Z"), "paper form 12"));
  }

  @Test
  void theErpsCodesAreTranslatedByConfiguration() {
    ErpConsentMapping mapping = ErpConsentMapping.of(Map.of(
        "erpCustomerId", "/KUNNR",
        "channel", "/KANAL",
        "channel-values", "01:EMAIL,02:SMS",
        "purpose-values", "WERBUNG:MARKETING",
        "status-values", "J:GRANTED,N:WITHDRAWN"));

    ErpConsent consent = mapping.map("""
        {"KUNNR":7,"KANAL":"02","purpose":"WERBUNG","status":"N","decidedAt":"2026-11-23T10:15:30Z"}
        """, "jms-1");

    assertThat(consent.messageId()).isEqualTo("jms-1");
    assertThat(consent.erpCustomerId()).isEqualTo("7");
    assertThat(consent.decision().channel()).isEqualTo(ConsentChannel.SMS);
    assertThat(consent.decision().purpose()).isEqualTo(ConsentPurpose.MARKETING);
    assertThat(consent.decision().status()).isEqualTo(ConsentStatus.WITHDRAWN);
    assertThat(consent.decision().evidence()).isNull();
  }

  @Test
  void everyMissingOrUnknownFieldIsNamed() {
    assertThatThrownBy(() -> ErpConsentMapping.configured(key -> null)
        .map("{\"messageId\":\"c-2\",\"channel\":\"PIGEON\",\"status\":\"GRANTED\"}", null))
        .isInstanceOfSatisfying(UnmappableMessageException.class, e -> {
          assertThat(e.messageId()).isEqualTo("c-2");
          assertThat(e.violations()).extracting(FieldViolation::field)
              .containsExactlyInAnyOrder("erpCustomerId", "channel", "purpose", "decidedAt");
          assertThat(e.getMessage()).contains("EMAIL, SMS").doesNotContain("PIGEON");
        });
  }

  @Test
  void aBrokenValueMapFailsTheStartNamingTheKey() {
    assertThatThrownBy(() -> ErpConsentMapping.of(Map.of("channel-values", "01")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crm.erp.mapping.consent.channel-values");
  }
}

package org.clientele.crm.impl.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailSegmentTagsTest {

  @Test
  void segmentKeysMapToTagNamesTheKeyByDefault() {
    assertThat(EmailSegmentTags.parse("vip:VIP Customers, churn-risk ,,lapsed:Lapsed"))
        .containsExactly(Map.entry("vip", "VIP Customers"), Map.entry("churn-risk", "churn-risk"),
            Map.entry("lapsed", "Lapsed"));
    assertThat(EmailSegmentTags.parse("")).isEmpty();
    assertThatThrownBy(() -> EmailSegmentTags.parse("vip:")).hasMessageContaining("segment-tags");
  }

  @Test
  void theMessageCarriesTheTagAndNoPersonalData() {
    Map<String, Object> m = EmailSegmentTags.message(42, "VIP", false, Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(m).containsEntry("messageType", "member.tags").containsEntry("customerId", 42L)
        .containsEntry("tags", List.of(Map.of("name", "VIP", "status", "inactive"))).doesNotContainKey("email");
  }
}

package org.clientele.crm.camel.email.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.camel.email.mailchimp.MailchimpRoutesTest.MapConfig;
import org.junit.jupiter.api.Test;

/** The import's route exists with the Mailchimp integration, unless switched off, and rejects bad settings. */
class MailchimpEngagementRoutesTest {

  private static final Map<String, String> ON = Map.of("crm.email.mailchimp.enabled", "true",
      "crm.email.mailchimp.api-key", "routes0123-us21", "crm.email.mailchimp.list-id", "L1");

  @Test
  void onWithTheIntegrationOffWithoutItOrWhenSwitchedOff() throws Exception {
    assertThat(routes(Map.of())).isZero();
    assertThat(routes(ON)).isEqualTo(1);
    java.util.Map<String, String> off = new java.util.HashMap<>(ON);
    off.put("crm.email.mailchimp.engagement.enabled", "false");
    assertThat(routes(off)).isZero();
  }

  @Test
  void badSettingsFailClearly() {
    java.util.Map<String, String> bad = new java.util.HashMap<>(ON);
    bad.put("crm.email.mailchimp.engagement.period", "15 minutes");
    assertThatThrownBy(() -> routes(bad)).hasMessageContaining("crm.email.mailchimp.engagement.period");
    bad.put("crm.email.mailchimp.engagement.period", "PT15M");
    bad.put("crm.email.mailchimp.engagement.page-size", "5000");
    assertThatThrownBy(() -> routes(bad)).hasMessageContaining("page-size");
  }

  private static int routes(Map<String, String> config) throws Exception {
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(new MailchimpEngagementRoutes(new MapConfig(config), null, null, new MailchimpConnections()));
      // not started: the definitions (a started route would call the missing executor)
      assertThat(camel.getRouteDefinitions()).allSatisfy(r -> assertThat(r.getRouteId())
          .isEqualTo(MailchimpEngagementRoutes.ROUTE));
      return camel.getRouteDefinitions().size();
    }
  }
}

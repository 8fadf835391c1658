package org.clientele.crm.impl.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class SurvivorshipTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void mostRecentTakesTheNewestNonEmptyValue() {
    Customer survivor = customer("old@example.com", T0.plusSeconds(100));
    Customer newer = customer("new@example.com", T0.plusSeconds(200));
    Customer newestWithoutEmail = customer(null, T0.plusSeconds(300));

    String email = survivorship(Map.of()).choose("email", List.of(survivor, newer, newestWithoutEmail), Customer::email);

    assertThat(email).isEqualTo("new@example.com");
  }

  @Test
  void survivorRuleKeepsTheSurvivorsValueAndFillsGaps() {
    Customer survivor = customer("keep@example.com", T0);
    Customer other = customer("other@example.com", T0.plusSeconds(500));
    Survivorship rules = survivorship(Map.of("crm.customer.merge.survivorship.email", "survivor"));

    assertThat(rules.choose("email", List.of(survivor, other), Customer::email)).isEqualTo("keep@example.com");
    assertThat(rules.choose("email", List.of(customer(null, T0), other), Customer::email))
        .isEqualTo("other@example.com");
  }

  @Test
  void sourcePriorityPrefersTheMostTrustedSystem() {
    Customer fromStore = customer("store@example.com", T0.plusSeconds(900));
    fromStore.identities().add(new IdentityKey("STORE", "1"));
    Customer fromErp = customer("erp@example.com", T0);
    fromErp.identities().add(new IdentityKey("ERP", "1"));
    Survivorship rules = survivorship(Map.of(
        "crm.customer.merge.survivorship", "source-priority", "crm.customer.merge.source-priority", "ERP,STORE"));

    assertThat(rules.choose("email", List.of(fromStore, fromErp), Customer::email)).isEqualTo("erp@example.com");
  }

  @Test
  void unknownRuleIsAConfigurationError() {
    assertThatThrownBy(() -> survivorship(Map.of("crm.customer.merge.survivorship", "loudest")))
        .hasMessageContaining("loudest");
  }

  private static Customer customer(String email, Instant updatedAt) {
    Customer customer = new Customer(updatedAt);
    customer.setEmail(email);
    return customer;
  }

  /** A MicroProfile Config over a map: enough for the two look-ups Survivorship makes. */
  private static Survivorship survivorship(Map<String, String> values) {
    Config config = (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getOptionalValue" -> Optional.ofNullable(values.get((String) args[0]));
          case "getOptionalValues" -> Optional.ofNullable(values.get((String) args[0]))
              .map(v -> Arrays.asList(v.split(",")));
          default -> throw new UnsupportedOperationException(method.getName());
        });
    Survivorship survivorship = new Survivorship();
    survivorship.config = config;
    survivorship.init();
    return survivorship;
  }
}

package org.clientele.crm.rest.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrelationFilterTest {

  @Test
  void keepsAPlausibleCallerId() {
    assertThat(CorrelationFilter.idOf(" order-4711:retry/2 ")).isEqualTo("order-4711:retry/2");
  }

  @Test
  void replacesMissingOverlongOrOddIds() {
    assertThat(CorrelationFilter.idOf(null)).hasSize(36);
    assertThat(CorrelationFilter.idOf("x".repeat(101))).hasSize(36);
    assertThat(CorrelationFilter.idOf("a b\r\nInjected: yes")).hasSize(36);
  }
}

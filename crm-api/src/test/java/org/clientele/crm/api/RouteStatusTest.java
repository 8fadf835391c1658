package org.clientele.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.clientele.crm.api.integration.RouteStatus;
import org.junit.jupiter.api.Test;

class RouteStatusTest {

  @Test
  void enabledRouteIsHealthyOnlyWhenStarted() {
    assertThat(new RouteStatus("a-b", "Started", true, "x", 0, 0).healthy()).isTrue();
    assertThat(new RouteStatus("a-b", "Stopped", true, "x", 0, 0).healthy()).isFalse();
  }

  @Test
  void disabledRouteIsHealthyWhenStopped() {
    assertThat(new RouteStatus("a-b", "Stopped", false, "x", 0, 0).healthy()).isTrue();
  }
}

package org.clientele.crm.camel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.system.LeaseStatus;
import org.clientele.crm.api.system.Leadership;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaderRoutePolicyTest {

  /** The lease as a switch: the policy only asks {@link Leadership#isLeader}. */
  private final AtomicBoolean leader = new AtomicBoolean();
  private final Leadership leadership = new Leadership() {
    @Override
    public boolean isLeader(String lease) {
      assertThat(lease).isEqualTo("test-job");
      return leader.get();
    }

    @Override
    public List<LeaseStatus> leases() {
      return List.of();
    }
  };
  private final AtomicInteger ticks = new AtomicInteger();
  private final CamelContext camel = new DefaultCamelContext();

  @AfterEach
  void stop() {
    camel.stop();
  }

  @Test
  void theTimerFiresOnlyWhileThisServerHoldsTheLease() throws Exception {
    LeaderRoutePolicy policy = new LeaderRoutePolicy(leadership, "test-job");
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("timer:test-job?period=50&delay=50").routeId("test-job").routePolicy(policy)
            .process(e -> ticks.incrementAndGet());
      }
    });
    camel.start();

    // a follower: the route is Started (healthy) but its timer does not fire
    assertThat(camel.getRouteController().getRouteStatus("test-job").isStarted()).isTrue();
    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> ticks.get() == 0);
    assertThat(policy.consuming()).isFalse();

    // takes the lease over: the timer fires within a check period
    leader.set(true);
    await().atMost(Duration.ofSeconds(3)).until(() -> ticks.get() >= 3);
    assertThat(policy.consuming()).isTrue();

    // loses it: the timer stops, the route stays Started
    leader.set(false);
    await().atMost(Duration.ofSeconds(3)).until(() -> !policy.consuming());
    int stoppedAt = ticks.get();
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> ticks.get() <= stoppedAt + 1);
    assertThat(camel.getRouteController().getRouteStatus("test-job").isStarted()).isTrue();
  }

  @Test
  void aRouteDisabledByConfigurationIsNeverStartedByThePolicy() throws Exception {
    leader.set(true);
    LeaderRoutePolicy policy = new LeaderRoutePolicy(leadership, "test-job");
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("timer:test-job?period=50&delay=0").routeId("test-job").autoStartup(false).routePolicy(policy)
            .process(e -> ticks.incrementAndGet());
      }
    });
    camel.start();
    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> ticks.get() == 0);
    assertThat(policy.consuming()).isFalse();
  }
}

package org.clientele.crm.camel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.CorrelationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route steps run with the exchange's correlation id in the CRM's context; counters tell dead letters apart. */
class CorrelationScopeTest {

  /** The CRM's context as crm-impl has it: a thread-local. */
  static final class ThreadLocalContext implements CorrelationContext {
    private final ThreadLocal<String> current = new ThreadLocal<>();

    @Override
    public Optional<String> current() {
      return Optional.ofNullable(current.get());
    }

    @Override
    public <T> T call(String id, Supplier<T> work) {
      String previous = current.get();
      current.set(id);
      try {
        return work.get();
      } finally {
        current.set(previous);
      }
    }
  }

  private final ThreadLocalContext correlation = new ThreadLocalContext();
  private final List<String> seen = new ArrayList<>();
  private final RouteCounters counters = new RouteCounters();
  private CamelContext camel;

  @BeforeEach
  void start() throws Exception {
    camel = new DefaultCamelContext();
    camel.getCamelContextExtension().addInterceptStrategy(new CorrelationScope(correlation));
    camel.getManagementStrategy().addEventNotifier(counters);
    camel.addRoutes(new SharedRouteConfiguration());
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:in").routeId("test-in")
            .process(e -> seen.add(correlation.current().orElse(null)))
            .to("direct:inner");
        from("direct:inner").routeId("test-inner")
            .process(e -> seen.add(correlation.current().orElse(null)))
            .process(e -> {
              if (e.getMessage().getBody(String.class).equals("park")) {
                e.setProperty(RouteCounters.DEAD_LETTERED, true);
              }
            });
      }
    });
    camel.start();
  }

  @AfterEach
  void stop() {
    camel.stop();
  }

  @Test
  void everyStepSeesTheSendersCorrelationIdAndTheThreadIsClearedAfterwards() {
    camel.createProducerTemplate().sendBodyAndHeader("direct:in", "x", CorrelationIds.HEADER, "erp-4711");

    assertThat(seen).containsExactly("erp-4711", "erp-4711");
    assertThat(correlation.current()).isEmpty();
  }

  @Test
  void anExchangeWithoutOneRunsWithTheIdTheRouteAssigned() {
    Exchange done = camel.createProducerTemplate().send("direct:in", e -> e.getMessage().setBody("x"));

    assertThat(seen).hasSize(2).containsOnly(done.getMessage().getHeader(CorrelationIds.HEADER, String.class));
    assertThat(seen.get(0)).isNotBlank();
  }

  @Test
  void wrappedStepsStayAsynchronousProcessors() {
    // a plain Processor would make Camel fall back to synchronous routing, with a warning per step
    assertThat(new CorrelationScope(correlation).wrapProcessorInInterceptors(camel, null, e -> { }, null))
        .isInstanceOf(org.apache.camel.AsyncProcessor.class);
  }

  @Test
  void anImplausiblyLongIdIsNotPutInForce() {
    camel.createProducerTemplate().sendBodyAndHeader("direct:in", "x", CorrelationIds.HEADER, "x".repeat(101));

    assertThat(seen).containsExactly(null, null);
  }

  @Test
  void aParkedExchangeCountsAsDeadLetteredNotAsProcessed() {
    camel.createProducerTemplate().sendBody("direct:in", "ok");
    camel.createProducerTemplate().sendBody("direct:in", "park");

    RouteCounters.Counts counts = counters.of("test-in");
    // (received counts exchanges a route's consumer creates; these come from a producer template)
    assertThat(counts.processed()).isEqualTo(1);
    assertThat(counts.deadLettered()).isEqualTo(1);
    assertThat(counts.failed()).isZero();
  }
}

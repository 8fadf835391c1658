package org.clientele.crm.camel.outbox;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.integration.Outbox;
import org.clientele.crm.api.integration.RetryPolicy;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.camel.support.JmsComponents;
import org.eclipse.microprofile.config.Config;

/**
 * {@code erp-customer-changes-out}: relays the ERP's outbox (customer changes, merges, erasures) to
 * {@code crm.erp.customer-changes.out.uri} every {@code crm.erp.customer-changes.out.poll-ms}; off unless
 * {@code crm.erp.customer-changes.out.enabled}. A claimed message is leased for {@code ...lease} (PT1M): if the
 * server dies while delivering it, a later pass (after a restart, or on another server) delivers it again once the
 * lease is over. Redelivery: {@code ...max-attempts} attempts, the first retry after {@code ...initial-delay},
 * doubling up to {@code ...max-delay} (ISO-8601 durations).
 */
@Dependent
public class OutboxRelayRoutes extends RouteBuilder {

  public static final String ERP_ROUTE = "erp-customer-changes-out";
  /** The embedded messaging's topic for the ERP's subscribers (JNDI {@code jms/erp/customer-changes.out}). */
  public static final String DEFAULT_URI = "jms:topic:clientele.erp.customer-changes";
  private static final String PREFIX = "crm.erp.customer-changes.out.";
  private static final String URI = "{{" + PREFIX + "uri:" + DEFAULT_URI + "}}";
  /** Up to this many full batches back to back in one poll ({@link OutboxRelay#drain}). */
  private static final int MAX_PASSES_PER_POLL = 50;

  private final Outbox outbox;
  private final Config config;
  private final SystemService system;

  @Inject
  public OutboxRelayRoutes(Outbox outbox, Config config, SystemService system) {
    this.outbox = outbox;
    this.config = config;
    this.system = system;
  }

  @Override
  public void configure() throws Exception {
    RetryPolicy policy = new RetryPolicy(
        config.getOptionalValue(PREFIX + "max-attempts", Integer.class).orElse(10),
        Duration.parse(config.getOptionalValue(PREFIX + "initial-delay", String.class).orElse("PT1S")),
        Duration.parse(config.getOptionalValue(PREFIX + "max-delay", String.class).orElse("PT5M")));
    OutboxRelay relay = new OutboxRelay(outbox, "erp", system.nodeName() + "/" + ERP_ROUTE,
        config.getOptionalValue(PREFIX + "batch", Integer.class).orElse(100),
        Duration.parse(config.getOptionalValue(PREFIX + "lease", String.class).orElse("PT1M")), policy);

    if (Boolean.parseBoolean(getContext().resolvePropertyPlaceholders("{{" + PREFIX + "enabled:false}}"))) {
      JmsComponents.ensureFor(getContext(), getContext().resolvePropertyPlaceholders(URI));
    }
    from("timer:" + ERP_ROUTE + "?period={{" + PREFIX + "poll-ms:1000}}&delay={{" + PREFIX + "poll-ms:1000}}")
        .routeId(ERP_ROUTE)
        .autoStartup("{{" + PREFIX + "enabled:false}}")
        .process(exchange -> exchange.getMessage().setBody(relay.drain(producer(),
            exchange.getContext().resolvePropertyPlaceholders(URI), MAX_PASSES_PER_POLL)));
  }


  private ProducerTemplate producer;

  private synchronized ProducerTemplate producer() {
    if (producer == null) {
      producer = getContext().createProducerTemplate();
    }
    return producer;
  }
}

package org.clientele.crm.camel.email.mailchimp;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.email.EmailMemberRegistry;
import org.clientele.crm.api.integration.Outbox;
import org.clientele.crm.api.integration.RetryPolicy;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.camel.email.EmailPlatformAdapter;
import org.clientele.crm.camel.email.MemberMessage;
import org.clientele.crm.camel.outbox.OutboxRelay;
import org.clientele.crm.camel.outbox.PermanentDeliveryException;
import org.eclipse.microprofile.config.Config;

/**
 * {@code email-members-out}: relays the outbox's {@code email} messages (member changes, erasures) to Mailchimp
 * every {@code crm.email.mailchimp.out.poll-ms}, up to {@code crm.email.mailchimp.max-connections} at a time, each
 * through {@code email-members-deliver}; off unless {@code crm.email.mailchimp.enabled}. Redelivery of 429/5xx:
 * {@code crm.email.mailchimp.out.max-attempts} attempts, the first retry after {@code ...initial-delay}, doubling
 * up to {@code ...max-delay}; other 4xx are parked at once. See docs/integration/mailchimp.md.
 */
@Dependent
public class MailchimpRoutes extends RouteBuilder {

  public static final String ROUTE = "email-members-out";
  public static final String DELIVER_ROUTE = "email-members-deliver";
  private static final String PREFIX = MailchimpSettings.PREFIX;
  private static final String OUT = PREFIX + "out.";
  private static final String DELIVER = "direct:" + DELIVER_ROUTE;

  private final Outbox outbox;
  private final Config config;
  private final SystemService system;
  private final EmailMemberRegistry registry;
  private final MailchimpConnections connections;

  public MailchimpRoutes(Outbox outbox, Config config, SystemService system, EmailMemberRegistry registry) {
    this(outbox, config, system, registry, new MailchimpConnections());
  }

  /** @param connections the client shared with the other Mailchimp flows (initial sync, engagement import) */
  @Inject
  public MailchimpRoutes(Outbox outbox, Config config, SystemService system, EmailMemberRegistry registry,
      MailchimpConnections connections) {
    this.outbox = outbox;
    this.config = config;
    this.system = system;
    this.registry = registry;
    this.connections = connections;
  }

  @Override
  public void configure() throws Exception {
    boolean enabled = config.getOptionalValue(PREFIX + "enabled", Boolean.class).orElse(false);
    if (!enabled) {
      return; // no routes at all: nothing to configure, and no credentials needed
    }
    MailchimpSettings settings = MailchimpSettings.from(key -> config.getOptionalValue(key, String.class));
    EmailPlatformAdapter adapter = new MailchimpMemberAdapter(settings, connections.client(settings), registry,
        Clock.systemUTC());
    RetryPolicy policy = new RetryPolicy(
        config.getOptionalValue(OUT + "max-attempts", Integer.class).orElse(10),
        Duration.parse(config.getOptionalValue(OUT + "initial-delay", String.class).orElse("PT1S")),
        Duration.parse(config.getOptionalValue(OUT + "max-delay", String.class).orElse("PT5M")));
    OutboxRelay relay = new OutboxRelay(outbox, "email", system.nodeName() + "/" + ROUTE,
        config.getOptionalValue(OUT + "batch", Integer.class).orElse(100), Duration.ofMinutes(2), policy);
    ExecutorService pool = getContext().getExecutorServiceManager()
        .newFixedThreadPool(this, ROUTE, settings.maxConnections());

    from("timer:" + ROUTE + "?period={{" + OUT + "poll-ms:1000}}&delay={{" + OUT + "poll-ms:1000}}")
        .routeId(ROUTE)
        .process(exchange -> exchange.getMessage().setBody(relay.pass(producer(), DELIVER, pool)));

    // no error handler: the relay settles every failure (retry or park) and logs it without the message, while
    // Camel's default handler would log the exception's message, which may quote Mailchimp's detail
    from(DELIVER)
        .routeId(DELIVER_ROUTE)
        .errorHandler(noErrorHandler())
        .process(exchange -> deliver(adapter, exchange));
  }

  static void deliver(EmailPlatformAdapter adapter, Exchange exchange) throws Exception {
    String type = exchange.getMessage().getHeader(OutboxRelay.MESSAGE_TYPE, String.class);
    String body = exchange.getMessage().getBody(String.class);
    if (MemberMessage.MEMBER_CHANGED.equals(type)) {
      adapter.memberChanged(MemberMessage.parse(body));
    } else if (org.clientele.crm.camel.email.TagMessage.MEMBER_TAGS.equals(type)) {
      adapter.memberTags(org.clientele.crm.camel.email.TagMessage.parse(body));
    } else if (MemberMessage.MEMBER_ERASED.equals(type)) {
      adapter.memberErased(MemberMessage.parseErased(body));
    } else {
      throw new PermanentDeliveryException("Unknown email message type " + type);
    }
  }

  private ProducerTemplate producer;

  private synchronized ProducerTemplate producer() {
    if (producer == null) {
      producer = getContext().createProducerTemplate();
    }
    return producer;
  }
}

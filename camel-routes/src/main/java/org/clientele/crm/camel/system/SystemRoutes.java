package org.clientele.crm.camel.system;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.integration.PingReply;
import org.clientele.crm.api.integration.PingRequest;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.camel.support.CorrelationIds;

/**
 * The CRM's own routes: {@code system-heartbeat} records this node's heartbeat on a timer, and
 * {@code system-ping} answers pings sent through the runtime.
 */
@Dependent
public class SystemRoutes extends RouteBuilder {

  public static final String HEARTBEAT_ROUTE = "system-heartbeat";
  public static final String PING_ROUTE = "system-ping";
  public static final String PING_ENDPOINT = "direct:system-ping";

  private final SystemService system;

  @Inject
  public SystemRoutes(SystemService system) {
    this.system = system;
  }

  @Override
  public void configure() {
    from("timer:crm-heartbeat?period={{crm.system.heartbeat.period}}&delay=0")
        .routeId(HEARTBEAT_ROUTE)
        .autoStartup("{{crm.system.heartbeat.enabled}}")
        .process(exchange -> exchange.getMessage().setBody(system.recordHeartbeat()));

    from(PING_ENDPOINT)
        .routeId(PING_ROUTE)
        .process(this::answerPing);
  }

  private void answerPing(Exchange exchange) throws InvalidPayloadException {
    PingRequest request = exchange.getMessage().getMandatoryBody(PingRequest.class);
    exchange.getMessage().setBody(new PingReply(
        request.message(), exchange.getFromRouteId(), system.nodeName(), CorrelationIds.ensure(exchange),
        Instant.now()));
  }
}

package org.clientele.crm.camel.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent;
import org.apache.camel.Exchange;
import org.apache.camel.support.EventNotifierSupport;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Per-route counters of received, completed, failed and redelivered exchanges, kept from Camel's
 * events so they cost no JMX and survive route reloads (they are keyed by route id).
 */
public class RouteCounters extends EventNotifierSupport {

  /** The counts of one route. */
  public record Counts(long received, long completed, long failed, long redelivered) {}

  private static final int RECEIVED = 0;
  private static final int COMPLETED = 1;
  private static final int FAILED = 2;
  private static final int REDELIVERED = 3;

  private static final String[] OUTCOMES = {"received", "completed", "failed", "redelivered"};

  private final Map<String, LongAdder[]> byRoute = new ConcurrentHashMap<>();
  private volatile MetricRegistry registry;

  /**
   * Also counts into MicroProfile Metrics, as {@code crm_route_exchanges_total{route, outcome}} with outcome
   * received, completed, failed or redelivered.
   */
  public void publishTo(MetricRegistry registry) {
    this.registry = registry;
  }

  public RouteCounters() {
    setIgnoreCamelContextEvents(true);
    setIgnoreRouteEvents(true);
    setIgnoreServiceEvents(true);
    setIgnoreStepEvents(true);
    setIgnoreExchangeSendingEvents(true);
    setIgnoreExchangeSentEvents(true);
    setIgnoreExchangeAsyncProcessingStartedEvents(true);
  }

  @Override
  public void notify(CamelEvent event) {
    if (event instanceof ExchangeCreatedEvent e) {
      count(e.getExchange(), RECEIVED);
    } else if (event instanceof ExchangeRedeliveryEvent e) {
      count(e.getExchange(), REDELIVERED);
    } else if (event instanceof ExchangeFailedEvent e) {
      count(e.getExchange(), FAILED);
    } else if (event instanceof ExchangeCompletedEvent e) {
      count(e.getExchange(), COMPLETED);
    }
  }

  /** The counts of a route; zeros for a route that has seen no exchange. */
  public Counts of(String routeId) {
    LongAdder[] adders = byRoute.get(routeId);
    if (adders == null) {
      return new Counts(0, 0, 0, 0);
    }
    return new Counts(adders[RECEIVED].sum(), adders[COMPLETED].sum(), adders[FAILED].sum(),
        adders[REDELIVERED].sum());
  }

  private void count(Exchange exchange, int which) {
    String routeId = exchange.getFromRouteId();
    if (routeId != null) {
      byRoute.computeIfAbsent(routeId, id -> newAdders())[which].increment();
      MetricRegistry metrics = registry;
      if (metrics != null) {
        metrics.counter("crm.route.exchanges", new Tag("route", routeId), new Tag("outcome", OUTCOMES[which])).inc();
      }
    }
  }

  private static LongAdder[] newAdders() {
    return new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
  }
}

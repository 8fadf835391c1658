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
 * Per-route counters of received, processed, failed, redelivered and dead-lettered exchanges, kept from Camel's
 * events so they cost no JMX and survive route reloads (they are keyed by route id). An exchange whose message a
 * route parked as a dead letter (it sets {@link #DEAD_LETTERED}) completes, but counts as dead-lettered, not as
 * processed.
 */
public class RouteCounters extends EventNotifierSupport {

  /** The counts of one route. */
  public record Counts(long received, long processed, long failed, long redelivered, long deadLettered) {}

  /** Exchange property a route sets (to {@code true}) when it parked the exchange's message as a dead letter. */
  public static final String DEAD_LETTERED = "CrmDeadLettered";

  private static final int RECEIVED = 0;
  private static final int PROCESSED = 1;
  private static final int FAILED = 2;
  private static final int REDELIVERED = 3;
  private static final int DEAD_LETTER = 4;

  private static final String[] OUTCOMES = {"received", "processed", "failed", "redelivered", "dead-lettered"};

  private final Map<String, LongAdder[]> byRoute = new ConcurrentHashMap<>();
  private volatile MetricRegistry registry;

  /**
   * Also counts into MicroProfile Metrics, as {@code crm_route_exchanges_total{route, outcome}} with outcome
   * received, processed, failed, redelivered or dead-lettered.
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
      boolean parked = e.getExchange().getProperty(DEAD_LETTERED, false, Boolean.class);
      count(e.getExchange(), parked ? DEAD_LETTER : PROCESSED);
    }
  }

  /** The counts of a route; zeros for a route that has seen no exchange. */
  public Counts of(String routeId) {
    LongAdder[] adders = byRoute.get(routeId);
    if (adders == null) {
      return new Counts(0, 0, 0, 0, 0);
    }
    return new Counts(adders[RECEIVED].sum(), adders[PROCESSED].sum(), adders[FAILED].sum(),
        adders[REDELIVERED].sum(), adders[DEAD_LETTER].sum());
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
    return new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
  }
}

package org.clientele.crm.camel.erp;

import jakarta.validation.ConstraintViolationException;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.camel.support.CorrelationIds;
import org.clientele.crm.camel.support.JmsComponents;
import org.clientele.crm.camel.support.RouteCounters;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * One inbound ERP feed of documents that refer to ERP customers (orders, consents): {@code erp-<kind>-in} takes
 * them from the queue ({@code crm.erp.<kind>.uri}) and hands each, as JSON text, to {@code erp-<kind>-apply},
 * which maps and applies it at most once. Other transports (file drops) send to {@code direct:erp-<kind>-apply}
 * too, with the key in the header {@code messageId} when the record has none.
 *
 * <p>Failures: a document whose customer (or order) is not known yet is redelivered
 * {@code crm.erp.<kind>.unresolved-redeliveries} times with exponential back-off from
 * {@code crm.erp.<kind>.unresolved-redelivery-delay} ms (it may be on its way on the customers queue), then parked
 * ({@code unknown-customer}, {@code unknown-order}), except in a replay, which reports at once; a concurrent twin is redelivered like a customer master's;
 * unmappable or refused input is parked at once. A replay ({@link ErpDeadLetterReplayer}) reports its failure
 * instead of parking a second letter. Anything else fails the exchange (logged with its correlation id).
 */
public abstract class ErpInboundRoutes extends RouteBuilder {

  private static final Logger LOG = Logger.getLogger(ErpInboundRoutes.class.getName());
  private static final String KEY_PROPERTY = "CrmErpMessageKey";
  private static final String TYPE_PROPERTY = "CrmErpMessageType";
  private static final String ATTEMPTS_PROPERTY = "CrmErpAttempts";

  private final String kind;
  private final String defaultMessageType;
  private final String metric;
  private final DeadLetterService deadLetters;
  private final MetricRegistry metrics;

  /**
   * @param kind the feed's name in route ids, endpoints and keys, e.g. {@code orders}
   * @param defaultMessageType the dead letters' message type when the document type is not known
   * @param metric the counter of outcomes, e.g. {@code crm.erp.order.messages}
   */
  protected ErpInboundRoutes(String kind, String defaultMessageType, String metric, DeadLetterService deadLetters,
      MetricRegistry metrics) {
    this.kind = kind;
    this.defaultMessageType = defaultMessageType;
    this.metric = metric;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  public final String routeId() {
    return "erp-" + kind + "-in";
  }

  public final String applyRouteId() {
    return "erp-" + kind + "-apply";
  }

  public final String applyEndpoint() {
    return "direct:erp-" + kind + "-apply";
  }

  /** Reads the feed's mapping from configuration (start-up fails on a broken key). */
  protected abstract void configureMapping(Function<String, String> lookup);

  /**
   * Maps and applies one document; calls {@link #mapped} as soon as its key and type are known.
   *
   * @param fallbackKey the key when the document has none, or {@code null}
   */
  protected abstract ErpOutcome apply(Exchange exchange, String payload, String fallbackKey);

  /** What the document is, for the log and its dead letter. */
  protected final void mapped(Exchange exchange, String messageKey, String messageType) {
    exchange.setProperty(KEY_PROPERTY, messageKey);
    exchange.setProperty(TYPE_PROPERTY, messageType);
  }

  @Override
  public void configure() throws Exception {
    CamelContext camel = getContext();
    configureMapping(key -> camel.getPropertiesComponent().resolveProperty(key).orElse(null));
    String keys = "crm.erp." + kind + ".";
    boolean enabled = Boolean.parseBoolean(camel.resolvePropertyPlaceholders("{{" + keys + "enabled:true}}"));
    String uri = camel.resolvePropertyPlaceholders("{{" + keys + "uri:jms:queue:clientele.erp." + kind + "}}");

    if (enabled) {
      JmsComponents.ensureFor(camel, uri);
      from(uri)
          .routeId(routeId())
          .convertBodyTo(String.class)
          .to(applyEndpoint());
    }

    from(applyEndpoint())
        .routeId(applyRouteId())
        // A replay is an operator's request: it reports at once, without waiting through redeliveries.
        .onException(UnresolvedReferenceException.class)
            .onWhen(exchangeProperty(ErpCustomerRoutes.REPLAY_PROPERTY).isEqualTo(true))
            .handled(true)
            .process(this::failed)
        .end()
        // The customer master (or the order) may be on its way on another queue: wait a little for it.
        .onException(UnresolvedReferenceException.class)
            .maximumRedeliveries("{{" + keys + "unresolved-redeliveries:3}}")
            .redeliveryDelay("{{" + keys + "unresolved-redelivery-delay:1000}}")
            .useExponentialBackOff()
            .handled(true)
            .process(this::failed)
        .end()
        // A concurrent twin holds the key: after it commits, the ledger says "applied" and this one is skipped.
        .onException(ConflictException.class)
            .maximumRedeliveries("{{" + keys + "conflict-redeliveries:3}}")
            .redeliveryDelay("{{" + keys + "conflict-redelivery-delay:200}}")
            .useExponentialBackOff()
            .handled(true)
            .process(this::failed)
        .end()
        .onException(UnmappableMessageException.class, InvalidInputException.class,
                ConstraintViolationException.class, ResourceNotFoundException.class)
            .handled(true)
            .process(this::failed)
        .end()
        .process(this::applyExchange);
  }

  private void applyExchange(Exchange exchange) {
    String correlationId = CorrelationIds.ensure(exchange);
    // Redeliveries run this again on the same exchange: the count becomes the dead letter's attempts.
    exchange.setProperty(ATTEMPTS_PROPERTY, exchange.getProperty(ATTEMPTS_PROPERTY, 0, Integer.class) + 1);
    String fallbackKey = fallbackKey(exchange);
    exchange.setProperty(KEY_PROPERTY, fallbackKey);
    ErpOutcome outcome = apply(exchange, exchange.getMessage().getBody(String.class), fallbackKey);
    count(outcome.label());
    String key = exchange.getProperty(KEY_PROPERTY, String.class);
    String type = exchange.getProperty(TYPE_PROPERTY, defaultMessageType, String.class);
    if (outcome == ErpOutcome.APPLIED) {
      LOG.fine(() -> "ERP " + type + " " + key + " applied (correlation " + correlationId + ")");
    } else {
      LOG.info(() -> "ERP " + type + " " + key + " " + (outcome == ErpOutcome.DUPLICATE
          ? "skipped: applied before" : "older than the CRM's state: kept in history only")
          + " (correlation " + correlationId + ")");
    }
  }

  /** The last failure of a document: parked as a dead letter, or reported to the replay that sent it. */
  private void failed(Exchange exchange) {
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    String reason = ErpCustomerRoutes.reason(cause);
    String reasonType = reasonType(cause);
    if (Boolean.TRUE.equals(exchange.getProperty(ErpCustomerRoutes.REPLAY_PROPERTY, Boolean.class))) {
      exchange.setProperty(ErpCustomerRoutes.FAILURE_PROPERTY, reason);
      return;
    }
    String key = cause instanceof UnmappableMessageException unmappable && unmappable.messageId() != null
        ? unmappable.messageId() : exchange.getProperty(KEY_PROPERTY, String.class);
    String type = exchange.getProperty(TYPE_PROPERTY, defaultMessageType, String.class);
    Map<String, String> headers = key == null ? Map.of() : Map.of(ErpCustomerRoutes.MESSAGE_ID_HEADER, key);
    // Filed under the route the document came in by: this feed's queue, or another transport's route (file drop).
    String from = exchange.getFromRouteId();
    String inbound = from == null || from.equals(applyRouteId()) ? routeId() : from;
    var letter = deadLetters.park(new NewDeadLetter(MessageDirection.INBOUND, ErpCustomerApplier.SYSTEM, inbound,
        type, key, null, exchange.getMessage().getBody(String.class), headers, reason, reasonType,
        Math.max(1, exchange.getProperty(ATTEMPTS_PROPERTY, 0, Integer.class)), CorrelationIds.ensure(exchange)));
    exchange.setProperty(RouteCounters.DEAD_LETTERED, true);
    count("dead-lettered");
    LOG.warning(() -> "ERP " + type + " " + key + " parked as dead letter " + letter.id() + ": " + reasonType
        + " (correlation " + letter.correlationId() + ")");
  }

  static String reasonType(Exception cause) {
    if (cause instanceof UnresolvedReferenceException unresolved) {
      return unresolved.reasonType();
    }
    return ErpCustomerRoutes.reasonType(cause);
  }

  /** The key when the body has none: the header (JMS property) {@code messageId}, else the JMS message id. */
  private static String fallbackKey(Exchange exchange) {
    String key = exchange.getMessage().getHeader(ErpCustomerRoutes.MESSAGE_ID_HEADER, String.class);
    if (key == null || key.isBlank()) {
      key = exchange.getMessage().getHeader("JMSMessageID", String.class);
    }
    return key == null || key.isBlank() ? null : key.strip();
  }

  private void count(String outcome) {
    if (metrics != null) {
      metrics.counter(metric, new Tag("outcome", outcome)).inc();
    }
  }
}

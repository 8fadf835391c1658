package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.CrmException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.Registration;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.camel.support.CorrelationIds;
import org.clientele.crm.camel.support.JmsComponents;
import org.clientele.crm.camel.support.RouteCounters;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The host ERP's customer master records, inbound. {@code erp-customers-in} takes them from the queue
 * ({@code crm.erp.customers.uri}) and hands each to {@code erp-customers-apply}, which maps it
 * ({@link CustomerMasterMapping}) and applies it at most once ({@link ErpCustomerApplier}).
 *
 * <p>A message that cannot be applied (not JSON, unmappable, refused by the CRM, or still colliding with a
 * concurrent twin after a few redeliveries) is parked as an INBOUND dead letter with its payload and reason, and
 * the route goes on with the next message. A replay ({@link ErpDeadLetterReplayer}) goes through
 * {@code erp-customers-apply} again, and fails instead of parking a second letter.
 */
@Dependent
public class ErpCustomerRoutes extends RouteBuilder {

  public static final String ROUTE_ID = "erp-customers-in";
  public static final String APPLY_ROUTE_ID = "erp-customers-apply";
  public static final String APPLY_ENDPOINT = "direct:erp-customers-apply";

  /** JMS property (or header) with the idempotency key, when the message body has none. */
  public static final String MESSAGE_ID_HEADER = "messageId";
  /** Exchange property set by a replay: failures are reported to it instead of parked. */
  public static final String REPLAY_PROPERTY = "CrmErpReplay";
  /** Exchange property with the reason a replayed message failed. */
  public static final String FAILURE_PROPERTY = "CrmErpFailure";

  static final String ENABLED_KEY = "crm.erp.customers.enabled";
  static final String URI_KEY = "crm.erp.customers.uri";
  static final String METRIC = "crm.erp.customer.messages";

  private static final Logger LOG = Logger.getLogger(ErpCustomerRoutes.class.getName());
  private static final String KEY_PROPERTY = "CrmErpMessageKey";
  private static final String ATTEMPTS_PROPERTY = "CrmErpAttempts";

  private final ErpCustomerApplier applier;
  private final DeadLetterService deadLetters;
  private final MetricRegistry metrics;
  private CustomerMasterMapping mapping;

  @Inject
  public ErpCustomerRoutes(ErpCustomerApplier applier, DeadLetterService deadLetters,
      @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) MetricRegistry metrics) {
    this.applier = applier;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  @Override
  public void configure() throws Exception {
    CamelContext camel = getContext();
    mapping = CustomerMasterMapping.configured(key -> property(camel, key));
    boolean enabled = Boolean.parseBoolean(camel.resolvePropertyPlaceholders("{{" + ENABLED_KEY + ":true}}"));
    String uri = camel.resolvePropertyPlaceholders("{{" + URI_KEY + ":jms:queue:clientele.erp.customers}}");

    if (enabled) {
      JmsComponents.ensureFor(camel, uri);
      from(uri)
          .routeId(ROUTE_ID)
          .convertBodyTo(String.class)
          .to(APPLY_ENDPOINT);
    }

    from(APPLY_ENDPOINT)
        .routeId(APPLY_ROUTE_ID)
        // A concurrent twin holds the key: after it commits, the ledger says "applied" and this one is skipped.
        .onException(ConflictException.class)
            .maximumRedeliveries("{{crm.erp.customers.conflict-redeliveries:3}}")
            .redeliveryDelay("{{crm.erp.customers.conflict-redelivery-delay:200}}")
            .useExponentialBackOff()
            .handled(true)
            .process(this::failed)
        .end()
        .onException(UnmappableMessageException.class, InvalidInputException.class,
                ConstraintViolationException.class)
            .handled(true)
            .process(this::failed)
        .end()
        .process(this::apply);
  }

  private void apply(Exchange exchange) {
    String correlationId = CorrelationIds.ensure(exchange);
    // Redeliveries run this again on the same exchange: the count becomes the dead letter's attempts.
    exchange.setProperty(ATTEMPTS_PROPERTY, exchange.getProperty(ATTEMPTS_PROPERTY, 0, Integer.class) + 1);
    String payload = exchange.getMessage().getBody(String.class);
    exchange.setProperty(KEY_PROPERTY, fallbackKey(exchange));
    CustomerMaster message = mapping.map(payload, fallbackKey(exchange));
    exchange.setProperty(KEY_PROPERTY, message.messageId());
    Optional<Registration> registration = applier.apply(message);
    if (registration.isEmpty()) {
      count("duplicate");
      LOG.info(() -> "ERP customer master " + message.messageId() + " skipped: applied before (correlation "
          + correlationId + ")");
      return;
    }
    count("applied");
    LOG.fine(() -> "ERP customer master " + message.messageId() + " applied to customer "
        + registration.get().profile().id() + (registration.get().created() ? " (created)" : "")
        + " (correlation " + correlationId + ")");
  }

  /** The last failure of a message: parked as a dead letter, or reported to the replay that sent it. */
  private void failed(Exchange exchange) {
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    String reason = reason(cause);
    String reasonType = reasonType(cause);
    if (Boolean.TRUE.equals(exchange.getProperty(REPLAY_PROPERTY, Boolean.class))) {
      exchange.setProperty(FAILURE_PROPERTY, reason);
      return;
    }
    String key = cause instanceof UnmappableMessageException unmappable && unmappable.messageId() != null
        ? unmappable.messageId() : exchange.getProperty(KEY_PROPERTY, String.class);
    Map<String, String> headers = key == null ? Map.of() : Map.of(MESSAGE_ID_HEADER, key);
    var letter = deadLetters.park(new NewDeadLetter(MessageDirection.INBOUND, ErpCustomerApplier.SYSTEM, ROUTE_ID,
        ErpCustomerApplier.MESSAGE_TYPE, key, null, exchange.getMessage().getBody(String.class), headers, reason,
        reasonType, Math.max(1, exchange.getProperty(ATTEMPTS_PROPERTY, 0, Integer.class)), CorrelationIds.ensure(exchange)));
    exchange.setProperty(RouteCounters.DEAD_LETTERED, true);
    count("dead-lettered");
    LOG.warning(() -> "ERP customer master " + key + " parked as dead letter " + letter.id() + ": " + reasonType
        + " (correlation " + letter.correlationId() + ")");
  }

  /** The key when the body has none: the JMS property {@code messageId}, else the JMS message id. */
  private static String fallbackKey(Exchange exchange) {
    String key = exchange.getMessage().getHeader(MESSAGE_ID_HEADER, String.class);
    if (key == null || key.isBlank()) {
      key = exchange.getMessage().getHeader("JMSMessageID", String.class);
    }
    return key == null || key.isBlank() ? null : key.strip();
  }

  /** Field names and rules only: values may be personal data and stay in the payload. */
  static String reason(Exception cause) {
    if (cause instanceof ConstraintViolationException violations) {
      return "Invalid input: " + violations.getConstraintViolations().stream()
          .map(v -> v.getPropertyPath() + " " + v.getMessage())
          .sorted(Comparator.naturalOrder())
          .collect(Collectors.joining("; "));
    }
    if (cause == null) {
      return "unknown failure";
    }
    return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
  }

  static String reasonType(Exception cause) {
    if (cause instanceof UnmappableMessageException unmappable) {
      return unmappable.reasonType();
    }
    if (cause instanceof CrmException crm) {
      return crm.errorCode();
    }
    if (cause instanceof ConstraintViolationException) {
      return "invalid-input";
    }
    return cause == null ? "unknown" : cause.getClass().getSimpleName();
  }

  private void count(String outcome) {
    if (metrics != null) {
      metrics.counter(METRIC, new Tag("outcome", outcome)).inc();
    }
  }

  private static String property(CamelContext camel, String key) {
    return camel.getPropertiesComponent().resolveProperty(key).orElse(null);
  }
}

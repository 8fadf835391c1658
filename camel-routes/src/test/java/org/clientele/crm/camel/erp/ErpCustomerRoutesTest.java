package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.Registration;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterPage;
import org.clientele.crm.api.integration.DeadLetterQuery;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.DeadLetterStatus;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.camel.support.CorrelationIds;
import org.clientele.crm.camel.support.SharedRouteConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The route without a server: the ERP queue is a direct endpoint, the CRM stand-ins record what they get. */
class ErpCustomerRoutesTest {

  /** Applies each key once, like the ledger; can refuse input or collide a number of times. */
  static final class RecordingApplier extends ErpCustomerApplier {
    final Set<String> applied = new HashSet<>();
    final List<CustomerMaster> registered = new ArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile int conflicts;

    @Override
    public synchronized Optional<Registration> apply(CustomerMaster message) {
      calls.incrementAndGet();
      if (conflicts > 0) {
        conflicts--;
        throw new ConflictException("concurrent twin");
      }
      if (message.customer().email() != null && !message.customer().email().contains("@")) {
        throw new InvalidInputException("customer.email", "must be a valid email address");
      }
      if (!applied.add(message.messageId())) {
        return Optional.empty();
      }
      registered.add(message);
      return Optional.of(new Registration(null, true, null));
    }
  }

  /** Parks letters in a list. */
  static final class ListDeadLetters implements DeadLetterService {
    final List<NewDeadLetter> parked = new ArrayList<>();

    @Override
    public synchronized DeadLetter park(NewDeadLetter l) {
      parked.add(l);
      return new DeadLetter(parked.size(), l.direction(), l.system(), l.routeId(), l.messageType(), l.messageKey(),
          l.orderingKey(), l.payload(), l.headers(), l.reason(), l.reasonType(), l.attempts(), l.correlationId(),
          DeadLetterStatus.PARKED, Instant.now(), Instant.now(), null, null, 1);
    }

    @Override public DeadLetter find(long id) { throw new UnsupportedOperationException(); }
    @Override public DeadLetterPage list(DeadLetterQuery query) { throw new UnsupportedOperationException(); }
    @Override public DeadLetter replay(long id, Long expectedVersion) { throw new UnsupportedOperationException(); }
    @Override public DeadLetter discard(long id, String reason, Long v) { throw new UnsupportedOperationException(); }
    @Override public Map<String, Map<DeadLetterStatus, Long>> counts() { return Map.of(); }
  }

  private final RecordingApplier applier = new RecordingApplier();
  private final ListDeadLetters deadLetters = new ListDeadLetters();
  private CamelContext context;
  private ProducerTemplate producer;

  @BeforeEach
  void start() throws Exception {
    context = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.put("crm.erp.customers.uri", "direct:erp-queue");
    properties.put("crm.erp.customers.conflict-redelivery-delay", "1");
    properties.put("crm.erp.mapping.customer.erpCustomerId", "/KUNNR");
    context.getPropertiesComponent().setInitialProperties(properties);
    context.addRoutes(new SharedRouteConfiguration());
    context.addRoutes(new ErpCustomerRoutes(applier, deadLetters, null));
    context.start();
    producer = context.createProducerTemplate();
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void aMessageIsMappedByConfigurationAndAppliedOnce() {
    String message = "{\"messageId\":\"m-1\",\"KUNNR\":\"100\",\"givenName\":\"Ada\"}";
    producer.sendBody("direct:erp-queue", message);
    producer.sendBody("direct:erp-queue", message);

    assertThat(applier.registered).singleElement().satisfies(m -> {
      assertThat(m.erpCustomerId()).isEqualTo("100");
      assertThat(m.customer().givenName()).isEqualTo("Ada");
    });
    assertThat(applier.calls).hasValue(2);
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void poisonAndMalformedMessagesAreParkedAndTheRouteGoesOn() {
    producer.sendBodyAndHeader("direct:erp-queue", "{\"messageId\":\"p-1\",\"KUNNR\":\"1\",\"email\":\"nope\"}",
        CorrelationIds.HEADER, "corr-1");
    producer.sendBodyAndHeader("direct:erp-queue", "not json", "JMSMessageID", "ID:jms-2");
    producer.sendBody("direct:erp-queue", "{\"messageId\":\"g-1\",\"KUNNR\":\"3\"}");

    assertThat(deadLetters.parked).hasSize(2);
    NewDeadLetter poison = deadLetters.parked.get(0);
    assertThat(poison.direction()).isEqualTo(MessageDirection.INBOUND);
    assertThat(poison.system()).isEqualTo("erp");
    assertThat(poison.routeId()).isEqualTo("erp-customers-in");
    assertThat(poison.messageType()).isEqualTo("customer.master");
    assertThat(poison.messageKey()).isEqualTo("p-1");
    assertThat(poison.payload()).contains("nope");
    assertThat(poison.reason()).contains("customer.email");
    assertThat(poison.reasonType()).isEqualTo("invalid-input");
    assertThat(poison.correlationId()).isEqualTo("corr-1");
    NewDeadLetter malformed = deadLetters.parked.get(1);
    assertThat(malformed.messageKey()).isEqualTo("ID:jms-2");
    assertThat(malformed.reasonType()).isEqualTo("malformed-json");
    assertThat(malformed.payload()).isEqualTo("not json");
    assertThat(malformed.headers()).containsEntry("messageId", "ID:jms-2");
    assertThat(applier.registered).extracting(CustomerMaster::messageId).containsExactly("g-1");
  }

  @Test
  void aConcurrentTwinIsRedeliveredThenTheMessageGoesThrough() {
    applier.conflicts = 2;
    producer.sendBody("direct:erp-queue", "{\"messageId\":\"c-1\",\"KUNNR\":\"4\"}");

    assertThat(applier.calls).hasValue(3);
    assertThat(applier.registered).hasSize(1);
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void aTwinThatKeepsCollidingIsParkedAfterTheRedeliveries() {
    applier.conflicts = 100;
    producer.sendBody("direct:erp-queue", "{\"messageId\":\"c-2\",\"KUNNR\":\"5\"}");

    assertThat(applier.calls).hasValue(4);
    assertThat(deadLetters.parked).singleElement().satisfies(l -> {
      assertThat(l.reasonType()).isEqualTo("conflict");
      assertThat(l.attempts()).isEqualTo(4);
    });
  }

  @Test
  void aReplayReportsItsFailureInsteadOfParking() {
    Exchange replay = producer.send(ErpCustomerRoutes.APPLY_ENDPOINT, exchange -> {
      exchange.setProperty(ErpCustomerRoutes.REPLAY_PROPERTY, true);
      exchange.getMessage().setBody("{\"messageId\":\"r-1\",\"KUNNR\":\"6\",\"email\":\"nope\"}");
    });

    assertThat(replay.getProperty(ErpCustomerRoutes.FAILURE_PROPERTY, String.class)).contains("customer.email");
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void theRouteIsOffWhenDisabled() throws Exception {
    CamelContext off = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.put("crm.erp.customers.enabled", "false");
    off.getPropertiesComponent().setInitialProperties(properties);
    off.addRoutes(new ErpCustomerRoutes(applier, deadLetters, null));
    off.start();
    try {
      assertThat(off.getRoute(ErpCustomerRoutes.ROUTE_ID)).isNull();
      assertThat(off.getRoute(ErpCustomerRoutes.APPLY_ROUTE_ID)).isNotNull();
    } finally {
      off.stop();
    }
  }
}

package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.clientele.crm.camel.erp.ErpCustomerRoutesTest.ListDeadLetters;
import org.clientele.crm.camel.support.CorrelationIds;
import org.clientele.crm.camel.support.RouteCounters;
import org.clientele.crm.camel.support.SharedRouteConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real route builder with its JMS consumer replaced by a direct endpoint (AdviceWith); the CRM services are
 * in-memory stand-ins, so mapping, ledger, redeliveries and dead letters run as on the server.
 */
class ErpOrderRoutesTest {

  private static final String QUEUE = "direct:erp-orders-queue";

  private final ErpStandIns crm = new ErpStandIns();
  private final ListDeadLetters deadLetters = new ListDeadLetters();
  private CamelContext context;
  private ProducerTemplate producer;

  @BeforeEach
  void start() throws Exception {
    context = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.put("crm.erp.orders.unresolved-redelivery-delay", "1");
    properties.put("crm.erp.orders.conflict-redelivery-delay", "1");
    properties.put("crm.erp.mapping.order.status-values", "OPEN:PLACED,INVOICED:PAID");
    context.getPropertiesComponent().setInitialProperties(properties);
    // The default URI is jms:...: a JMS component without a connection factory, never started (advised away).
    context.addComponent("jms", new JmsComponent());
    context.addRoutes(new SharedRouteConfiguration());
    context.addRoutes(new ErpOrderRoutes(crm.orderApplier(), deadLetters, null));
    AdviceWith.adviceWith(context, ErpOrderRoutes.ROUTE_ID, route -> route.replaceFromWith(QUEUE));
    context.start();
    producer = context.createProducerTemplate();
    crm.customers.put("100", 1L);
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void theRouteReadsTheConfiguredQueue() {
    assertThat(context.getRoute(ErpOrderRoutes.ROUTE_ID).getEndpoint().getEndpointUri())
        .isEqualTo("direct://erp-orders-queue");
  }

  @Test
  void anOrderIsRecordedOnceForTheErpCustomer() {
    String order = order("o-1", "100", "SO-1", "OPEN", "2026-11-23T10:05:00Z");
    producer.sendBody(QUEUE, order);
    producer.sendBody(QUEUE, order);

    assertThat(crm.recordings).singleElement().satisfies(p -> {
      assertThat(p.customerId()).isEqualTo(1L);
      assertThat(p.sourceSystem()).isEqualTo("ERP");
      assertThat(p.orderId()).isEqualTo("SO-1");
      assertThat(p.status()).isEqualTo(PurchaseStatus.PLACED);
    });
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void anInvoiceUpdatesTheStatusAndACreditNoteBecomesARefundOnce() {
    producer.sendBody(QUEUE, order("o-2", "100", "SO-2", "OPEN", "2026-11-23T10:05:00Z"));
    producer.sendBody(QUEUE, order("i-2", "100", "SO-2", "INVOICED", "2026-11-24T10:05:00Z")
        .replace("{", "{\"documentType\":\"invoice\","));
    String creditNote = """
        {"messageId":"cn-2","documentType":"creditNote","orderId":"SO-2","creditNoteId":"CN-1","amount":5,
         "issuedAt":"2026-11-25T09:00:00Z"}
        """;
    producer.sendBody(QUEUE, creditNote);
    producer.sendBody(QUEUE, creditNote);

    assertThat(crm.purchases.get("SO-2").status()).isEqualTo(PurchaseStatus.PAID);
    assertThat(crm.refunds).containsOnlyKeys("CN-1");
    assertThat(crm.ledger).contains("erp/o-2", "erp/i-2", "erp/cn-2");
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void theApplyEndpointTakesJsonTextWithTheKeyInTheMessageIdHeader() {
    String keyless = order(null, "100", "SO-3", "PLACED", "2026-11-23T10:05:00Z");
    producer.sendBodyAndHeader(ErpOrderRoutes.APPLY_ENDPOINT, keyless, "messageId", "file-1#1");
    producer.sendBodyAndHeader(ErpOrderRoutes.APPLY_ENDPOINT, keyless, "messageId", "file-1#1");

    assertThat(crm.recordings).hasSize(1);
    assertThat(crm.ledger).contains("erp/file-1#1");
  }

  @Test
  void anUnknownCustomerIsRedeliveredThenParkedAndAReplayAfterItArrivedAppliesOnce() {
    producer.sendBodyAndHeader(QUEUE, order("o-4", "200", "SO-4", "PLACED", "2026-11-23T10:05:00Z"),
        CorrelationIds.HEADER, "corr-4");

    assertThat(crm.lookups).hasValue(4); // the first attempt and 3 redeliveries
    assertThat(crm.recordings).isEmpty();
    NewDeadLetter letter = deadLetters.parked.get(0);
    assertThat(letter.reasonType()).isEqualTo("unknown-customer");
    assertThat(letter.reason()).contains("ERP customer 200");
    assertThat(letter.routeId()).isEqualTo("erp-orders-in");
    assertThat(letter.messageType()).isEqualTo("order");
    assertThat(letter.messageKey()).isEqualTo("o-4");
    assertThat(letter.attempts()).isEqualTo(4);
    assertThat(letter.correlationId()).isEqualTo("corr-4");

    // replayed too early: reported at once (no redeliveries), nothing parked again
    int lookups = crm.lookups.get();
    assertThat(replay(letter).getProperty(ErpCustomerRoutes.FAILURE_PROPERTY, String.class))
        .contains("ERP customer 200");
    assertThat(crm.lookups).hasValue(lookups + 1);
    assertThat(deadLetters.parked).hasSize(1);

    crm.customers.put("200", 2L);
    assertThat(replay(letter).getProperty(ErpCustomerRoutes.FAILURE_PROPERTY)).isNull();
    assertThat(replay(letter).getProperty(ErpCustomerRoutes.FAILURE_PROPERTY)).isNull();
    assertThat(crm.recordings).singleElement().satisfies(p -> assertThat(p.customerId()).isEqualTo(2L));
    assertThat(deadLetters.parked).hasSize(1);
  }

  @Test
  void aCreditNoteOfAnUnknownOrderIsParkedAsUnknownOrder() {
    producer.sendBody(QUEUE, """
        {"messageId":"cn-5","documentType":"creditNote","orderId":"SO-none","creditNoteId":"CN-5","amount":5,
         "issuedAt":"2026-11-25T09:00:00Z"}
        """);

    assertThat(deadLetters.parked).singleElement().satisfies(l -> {
      assertThat(l.reasonType()).isEqualTo("unknown-order");
      assertThat(l.messageType()).isEqualTo("creditNote");
    });
  }

  @Test
  void invalidAndMalformedInputIsParkedAtOnceAndTheRouteGoesOn() {
    producer.sendBody(QUEUE, order("o-6", "100", "SO-6", "PLACED", "2026-11-23T10:05:00Z")
        .replace("\"EUR\"", "\"EURO\""));
    producer.sendBodyAndHeader(QUEUE, "not json", "JMSMessageID", "ID:jms-7");
    producer.sendBody(QUEUE, "{\"messageId\":\"o-8\",\"erpCustomerId\":\"100\"}");
    producer.sendBody(QUEUE, order("o-9", "100", "SO-9", "PLACED", "2026-11-23T10:05:00Z"));
    Exchange parked = producer.send(QUEUE, e -> e.getMessage().setBody("[]"));

    assertThat(deadLetters.parked).extracting(NewDeadLetter::reasonType)
        .containsExactly("invalid-input", "malformed-json", "unmappable", "malformed-json");
    assertThat(parked.getProperty(RouteCounters.DEAD_LETTERED, Boolean.class)).isTrue();
    assertThat(parked.getException()).isNull();
    assertThat(deadLetters.parked).extracting(NewDeadLetter::attempts).containsOnly(1);
    assertThat(deadLetters.parked.get(1).messageKey()).isEqualTo("ID:jms-7");
    assertThat(deadLetters.parked.get(1).payload()).isEqualTo("not json");
    assertThat(deadLetters.parked.get(2).reason()).contains("orderId", "lines");
    assertThat(crm.recordings).extracting(p -> p.orderId()).containsExactly("SO-9");
  }

  @Test
  void aDocumentFromAnotherTransportIsParkedUnderThatTransportsRoute() throws Exception {
    context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
      @Override
      public void configure() {
        from("direct:file-drop").routeId("erp-files-in").to(ErpOrderRoutes.APPLY_ENDPOINT);
      }
    });
    producer.sendBodyAndHeader("direct:file-drop", "{oops", "messageId", "orders.csv#3");
    producer.sendBodyAndHeader(ErpOrderRoutes.APPLY_ENDPOINT, "{oops", "messageId", "direct-1");

    assertThat(deadLetters.parked).extracting(NewDeadLetter::routeId).containsExactly("erp-files-in", "erp-orders-in");
    assertThat(deadLetters.parked).extracting(NewDeadLetter::messageKey).containsExactly("orders.csv#3", "direct-1");
  }

  @Test
  void anOlderVersionIsNotApplied() {
    producer.sendBody(QUEUE, order("o-10", "100", "SO-10", "PAID", "2026-11-24T10:00:00Z"));
    producer.sendBody(QUEUE, order("o-11", "100", "SO-10", "PLACED", "2026-11-23T10:00:00Z"));

    assertThat(crm.purchases.get("SO-10").status()).isEqualTo(PurchaseStatus.PAID);
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void theRouteIsOffWhenDisabledButTheApplyEndpointStays() throws Exception {
    CamelContext off = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.put("crm.erp.orders.enabled", "false");
    off.getPropertiesComponent().setInitialProperties(properties);
    off.addRoutes(new ErpOrderRoutes(crm.orderApplier(), deadLetters, null));
    off.start();
    try {
      assertThat(off.getRoute(ErpOrderRoutes.ROUTE_ID)).isNull();
      assertThat(off.getRoute(ErpOrderRoutes.APPLY_ROUTE_ID)).isNotNull();
    } finally {
      off.stop();
    }
  }

  private Exchange replay(NewDeadLetter letter) {
    return producer.send("direct:" + ErpDeadLetterReplayer.APPLY_ROUTES.get(letter.messageType()), exchange -> {
      exchange.setProperty(ErpCustomerRoutes.REPLAY_PROPERTY, true);
      exchange.getMessage().setBody(letter.payload());
      exchange.getMessage().setHeader("messageId", letter.headers().get("messageId"));
    });
  }

  static String order(String messageId, String erpCustomerId, String orderId, String status, String updatedAt) {
    return """
        {%s"erpCustomerId":"%s","orderId":"%s","status":"%s","currency":"EUR",
         "placedAt":"2026-11-23T10:00:00Z","updatedAt":"%s",
         "lines":[{"sku":"A-1","name":"Teapot","quantity":1,"unitPrice":19.90}]}
        """.formatted(messageId == null ? "" : "\"messageId\":\"" + messageId + "\",", erpCustomerId, orderId, status,
        updatedAt);
  }
}

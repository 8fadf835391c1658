package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterStatus;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.camel.CamelIntegrationRuntime;
import org.clientele.crm.camel.erp.ErpCustomerRoutesTest.ListDeadLetters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replays go to the apply route of the letter's message type, and report failures instead of parking. */
class ErpDeadLetterReplayerTest {

  private final ErpStandIns crm = new ErpStandIns();
  private final ListDeadLetters deadLetters = new ListDeadLetters();
  private final ErpDeadLetterReplayer replayer = new ErpDeadLetterReplayer();
  private CamelContext context;

  @BeforeEach
  void start() throws Exception {
    context = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.put("crm.erp.orders.enabled", "false");
    properties.put("crm.erp.consents.enabled", "false");
    properties.put("crm.erp.orders.unresolved-redeliveries", "0");
    properties.put("crm.erp.consents.unresolved-redeliveries", "0");
    context.getPropertiesComponent().setInitialProperties(properties);
    context.addRoutes(new ErpOrderRoutes(crm.orderApplier(), deadLetters, null));
    context.addRoutes(new ErpConsentRoutes(crm.consentApplier(), deadLetters, null));
    context.start();
    var producer = context.createProducerTemplate();
    replayer.runtime = new CamelIntegrationRuntime() {
      @Override
      public boolean hasRoute(String routeId) {
        return context.getRoute(routeId) != null;
      }

      @Override
      public Exchange send(String endpointUri, Processor prepare) {
        return producer.send(endpointUri, prepare);
      }
    };
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void itTakesTheLettersOfTheErpFeedsWhoseApplyRouteRuns() {
    assertThat(replayer.canReplay(letter("erp-orders-in", "order", "{}"))).isTrue();
    assertThat(replayer.canReplay(letter("erp-orders-in", "creditNote", "{}"))).isTrue();
    assertThat(replayer.canReplay(letter("erp-consents-in", "consent", "{}"))).isTrue();
    // the customers' apply route is not in this context
    assertThat(replayer.canReplay(letter("erp-customers-in", "customer.master", "{}"))).isFalse();
    assertThat(replayer.canReplay(letter("erp-orders-in", "shipment", "{}"))).isFalse();
    // another transport's letters (a file drop) replay by their message type too
    assertThat(replayer.canReplay(letter("erp-files-in", "order", "{}"))).isTrue();
    assertThat(replayer.canReplay(new DeadLetter(1, MessageDirection.INBOUND, "store", "store-orders-in", "order",
        "k", null, "{}", Map.of(), "r", "t", 1, null, DeadLetterStatus.PARKED, Instant.now(), Instant.now(), null,
        null, 1))).isFalse();
  }

  @Test
  void aReplayAppliesTheDocumentOnceItsCustomerIsKnownAndReportsAFailureOtherwise() {
    DeadLetter consent = letter("erp-consents-in", "consent", ErpConsentRoutesTest.consent("c-1", "300", "GRANTED",
        "2026-11-23T10:00:00Z"));
    assertThatThrownBy(() -> replayer.replay(consent)).hasMessageContaining("ERP customer 300");

    crm.customers.put("300", 3L);
    replayer.replay(consent);
    replayer.replay(consent);

    assertThat(crm.consentHistory).hasSize(1);
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void aKeylessDocumentIsReplayedUnderTheKeyItWasParkedWith() {
    crm.customers.put("100", 1L);
    DeadLetter order = letter("erp-orders-in", "order",
        ErpOrderRoutesTest.order(null, "100", "SO-1", "PLACED", "2026-11-23T10:05:00Z"));

    replayer.replay(order);

    assertThat(crm.ledger).containsExactly("erp/k-1");
    assertThat(crm.recordings).hasSize(1);
  }

  private static DeadLetter letter(String routeId, String messageType, String payload) {
    return new DeadLetter(1, MessageDirection.INBOUND, "erp", routeId, messageType, "k-1", null, payload,
        Map.of("messageId", "k-1"), "reason", "unknown-customer", 1, "corr-1", DeadLetterStatus.PARKED,
        Instant.now(), Instant.now(), null, null, 1);
  }
}

package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.customer.ConsentStatus;
import org.clientele.crm.camel.erp.ErpCustomerRoutesTest.ListDeadLetters;
import org.clientele.crm.camel.support.SharedRouteConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real consent route with its JMS consumer advised into a direct endpoint, on in-memory CRM stand-ins. */
class ErpConsentRoutesTest {

  private static final String QUEUE = "direct:erp-consents-queue";

  private final ErpStandIns crm = new ErpStandIns();
  private final ListDeadLetters deadLetters = new ListDeadLetters();
  private CamelContext context;
  private ProducerTemplate producer;

  @BeforeEach
  void start() throws Exception {
    context = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.put("crm.erp.consents.unresolved-redeliveries", "2");
    properties.put("crm.erp.consents.unresolved-redelivery-delay", "1");
    context.getPropertiesComponent().setInitialProperties(properties);
    context.addComponent("jms", new JmsComponent());
    context.addRoutes(new SharedRouteConfiguration());
    context.addRoutes(new ErpConsentRoutes(crm.consentApplier(), deadLetters, null));
    AdviceWith.adviceWith(context, ErpConsentRoutes.ROUTE_ID, route -> route.replaceFromWith(QUEUE));
    context.start();
    producer = context.createProducerTemplate();
    crm.customers.put("100", 1L);
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void aConsentIsRecordedOnceWithSourceErpAndAnOlderOneDoesNotOverrideIt() {
    String granted = consent("c-1", "100", "GRANTED", "2026-11-23T10:00:00Z");
    producer.sendBody(QUEUE, granted);
    producer.sendBody(QUEUE, granted);
    producer.sendBody(QUEUE, consent("c-2", "100", "WITHDRAWN", "2026-11-01T10:00:00Z"));

    assertThat(crm.consentHistory).hasSize(2);
    assertThat(crm.consentHistory.get(0).source()).isEqualTo("ERP");
    assertThat(crm.consentsInForce.get("EMAIL/MARKETING").status()).isEqualTo(ConsentStatus.GRANTED);
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void anUnknownCustomerIsRedeliveredThenParked() {
    producer.sendBody(QUEUE, consent("c-3", "999", "GRANTED", "2026-11-23T10:00:00Z"));

    assertThat(crm.lookups).hasValue(3);
    assertThat(deadLetters.parked).singleElement().satisfies(l -> {
      assertThat(l.reasonType()).isEqualTo("unknown-customer");
      assertThat(l.routeId()).isEqualTo("erp-consents-in");
      assertThat(l.messageType()).isEqualTo("consent");
      assertThat(l.attempts()).isEqualTo(3);
    });
  }

  @Test
  void anUnmappableConsentIsParkedAtOnce() {
    producer.sendBody(QUEUE, consent("c-4", "100", "MAYBE", "2026-11-23T10:00:00Z"));

    assertThat(deadLetters.parked).singleElement().satisfies(l -> {
      assertThat(l.reasonType()).isEqualTo("unmappable");
      assertThat(l.reason()).contains("status");
      assertThat(l.messageKey()).isEqualTo("c-4");
    });
  }

  static String consent(String messageId, String erpCustomerId, String status, String decidedAt) {
    return """
        {"messageId":"%s","erpCustomerId":"%s","channel":"EMAIL","purpose":"MARKETING","status":"%s",
         "decidedAt":"%s","evidence":"ERP form"}
        """.formatted(messageId, erpCustomerId, status, decidedAt);
  }
}

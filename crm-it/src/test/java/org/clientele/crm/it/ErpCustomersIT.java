package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.counter;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.clientele.crm.it.erpjms.ErpQueueServlet;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host ERP's customer master records over JMS on the embedded messaging engine: applied once, duplicates
 * skipped, poison and malformed messages parked as dead letters (a replay of a poison message fails again), and
 * the route carries on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErpCustomersIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(name = "clientele", order = 1, testable = false, managed = false)
  static EnterpriseArchive clientele() {
    return Deployments.clienteleEar();
  }

  /** TEST ONLY: the ERP's sender, next to the EAR. */
  @Deployment(name = "erp-sender", order = 2, testable = false)
  static WebArchive erpSender() {
    return ShrinkWrap.create(WebArchive.class, "erp-sender.war").addPackage(ErpQueueServlet.class.getPackage());
  }

  @Test
  void aCustomerMasterIsAppliedOnceAndADuplicateIsSkipped() {
    String erpId = "E-" + run;
    String messageId = "m-" + run + "-1";
    sendToQueue(master(messageId, erpId, "Ada", "ada." + run + "@example.com"), null);

    JsonObject stored = awaitCustomer(erpId);
    assertThat(stored.getString("givenName")).isEqualTo("Ada");
    assertThat(stored.getString("email")).isEqualTo("ada." + run + "@example.com");
    assertThat(stored.getJsonObject("address").getString("city")).isEqualTo("Berlin");
    assertThat(stored.getJsonArray("tags").getString(0)).isEqualTo("erp");
    long version = stored.getJsonNumber("version").longValue();
    double duplicatesBefore = counter("crm_erp_customer_messages_total", "outcome=\"duplicate\"");

    // the same message again, even with other content: its key was applied, so nothing changes
    sendToQueue(master(messageId, erpId, "Changed", "ada." + run + "@example.com"), null);
    // a later message for another customer: once it is in, the duplicate before it was consumed (one consumer)
    sendToQueue(master("m-" + run + "-2", "F-" + run, "Bo", "bo." + run + "@example.com"), null);
    awaitCustomer("F-" + run);
    await().atMost(PATIENCE).until(
        () -> counter("crm_erp_customer_messages_total", "outcome=\"duplicate\"") >= duplicatesBefore + 1);

    JsonObject after = customer(erpId).orElseThrow();
    assertThat(after.getString("givenName")).isEqualTo("Ada");
    assertThat(after.getJsonNumber("version").longValue()).isEqualTo(version);
  }

  @Test
  void theCorrelationIdOfTheErpMessageReachesTheOutboxMessagesItCauses() throws SQLException {
    String erpId = "C-" + run;
    String correlationId = "erp-corr-" + run;
    HttpResponse<String> sent = send(request("/erp-sender/send?correlationId=" + correlationId)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(master("c-" + run, erpId, "Cy", "cy." + run + "@example.com"))));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

    long customerId = awaitCustomer(erpId).getJsonNumber("id").longValue();
    // the suite runs with the ERP customer-changes outbox on: the registration wrote customer.changed
    assertThat(TestDatabase.outboxCorrelationIds(customerId)).containsExactly(correlationId);
  }

  @Test
  void poisonAndMalformedMessagesAreParkedAndTheRouteGoesOn() {
    // invalid email: refused by the CRM, parked with the field named, nothing applied
    String poisonId = "p-" + run;
    sendToQueue(master(poisonId, "P-" + run, "Poison", "not-an-email"), null);
    JsonObject poison = awaitDeadLetter(poisonId);
    assertThat(poison.getString("direction")).isEqualTo("INBOUND");
    assertThat(poison.getString("routeId")).isEqualTo("erp-customers-in");
    assertThat(poison.getString("messageType")).isEqualTo("customer.master");
    assertThat(poison.getString("reason")).contains("email");
    assertThat(poison.getString("reasonType")).isEqualTo("invalid-input");
    assertThat(poison.getString("correlationId")).isNotBlank();
    assertThat(poison.getInt("attempts")).isEqualTo(1);
    assertThat(json(get(ADMIN, "/crm/api/dead-letters/" + poison.getJsonNumber("id"))).getString("payload"))
        .contains("not-an-email");
    assertThat(customer("P-" + run)).isEmpty();

    // replaying the same payload fails again: the letter stays parked with one more attempt
    HttpResponse<String> replayed = send(requestAs(ADMIN, "/crm/api/dead-letters/" + poison.getJsonNumber("id")
        + "/replay").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(json(replayed).getString("status")).isEqualTo("PARKED");
    assertThat(json(replayed).getInt("attempts")).isEqualTo(2);
    assertThat(json(replayed).getString("reason")).contains("email");
    assertThat(customer("P-" + run)).isEmpty();

    // not JSON at all: parked under the key of its JMS property
    String malformedId = "x-" + run;
    sendToQueue("{\"erpCustomerId\": \"X-" + run + "\", oops", malformedId);
    JsonObject malformed = awaitDeadLetter(malformedId);
    assertThat(malformed.getString("reasonType")).isEqualTo("malformed-json");
    assertThat(malformed.getString("reason")).contains("not JSON");

    // missing erpCustomerId: parked as unmappable
    String anonymousId = "a-" + run;
    sendToQueue("{\"messageId\":\"" + anonymousId + "\",\"givenName\":\"Nobody\"}", null);
    JsonObject anonymous = awaitDeadLetter(anonymousId);
    assertThat(anonymous.getString("reasonType")).isEqualTo("unmappable");
    assertThat(anonymous.getString("reason")).contains("erpCustomerId");

    // and the next good message still goes through
    sendToQueue(master("g-" + run, "G-" + run, "Good", "good." + run + "@example.com"), null);
    assertThat(awaitCustomer("G-" + run).getString("givenName")).isEqualTo("Good");
  }

  @Test
  void theRouteIsListedAndReady() {
    assertThat(get(INTEGRATION, "/crm/api/integration/routes").body()).contains("erp-customers-in", "erp-customers-apply");
    assertThat(send(request("/health/ready").GET()).body()).contains("route.erp-customers-in");
  }

  private static String master(String messageId, String erpId, String givenName, String email) {
    return """
        {"messageId":"%s","erpCustomerId":"%s","givenName":"%s","familyName":"Lovelace","email":"%s",
         "phone":null,"birthDate":"1990-12-10","language":"en",
         "address":{"line1":"Unter den Linden 1","postalCode":"10117","city":"Berlin","country":"DE"},
         "tags":["erp"],"changedAt":"2026-11-23T10:15:30Z"}
        """.formatted(messageId, erpId, givenName, email);
  }

  private static void sendToQueue(String body, String messageIdProperty) {
    String query = messageIdProperty == null ? ""
        : "?messageId=" + URLEncoder.encode(messageIdProperty, StandardCharsets.UTF_8);
    HttpResponse<String> sent = send(request("/erp-sender/send" + query)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
  }

  private static Optional<JsonObject> customer(String erpId) {
    HttpResponse<String> found = get(AGENT, "/crm/api/customers/lookup?system=ERP&externalId=" + erpId);
    return found.statusCode() == 200 ? Optional.of(json(found)) : Optional.empty();
  }

  private static JsonObject awaitCustomer(String erpId) {
    return await().atMost(PATIENCE).until(() -> customer(erpId), Optional::isPresent).orElseThrow();
  }

  private static JsonObject awaitDeadLetter(String messageKey) {
    return await().atMost(PATIENCE).until(() -> deadLetter(messageKey), Optional::isPresent).orElseThrow();
  }

  private static Optional<JsonObject> deadLetter(String messageKey) {
    List<JsonObject> items = json(get(INTEGRATION, "/crm/api/dead-letters?system=erp&limit=200"))
        .getJsonArray("items").getValuesAs(JsonObject.class);
    return items.stream().filter(d -> messageKey.equals(d.getString("messageKey", null))).findFirst();
  }
}

package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.counter;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
 * A message whose route fails unexpectedly (here: the dead-letter table is gone while a poison message is parked)
 * is not lost: the listener's local JMS transaction rolls back, the engine redelivers it beyond its redelivery
 * count (KEEP_TRYING, every {@code crm.jms.redelivery-interval}) and keeps the queue's order meanwhile (the messages
 * behind it wait); once the table is back the poison message is parked exactly once and the queue goes on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErpJmsReliabilityIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String FAILED = "crm_route_exchanges_total";

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
  void aMessageThatCannotEvenBeParkedStaysOnTheQueueUntilItCanBe() throws SQLException {
    String poisonKey = "rp-" + run;
    double failedBefore = failed();
    boolean renamed = false;
    try {
      execute("ALTER TABLE crm_dead_letter RENAME TO crm_dead_letter_away");
      renamed = true;

      // invalid email: the route parks it, which fails now: the exchange fails, the message goes back to the queue
      sendToQueue(master(poisonKey, "RP-" + run, "not-an-email"));
      // more failures than the queue's maxRedeliveryCount (3 in the ITs): the engine keeps trying
      await().atMost(PATIENCE).until(() -> failed() >= failedBefore + 5);

      // the queue keeps its order: a good message behind the poison one waits (the engine retries the head)
      sendToQueue(master("rg-" + run, "RG-" + run, "good." + run + "@example.com"));
      double failedSoFar = failed();
      await().atMost(PATIENCE).until(() -> failed() >= failedSoFar + 2);
      assertThat(customer("RG-" + run)).as("nothing overtakes the message at the head").isEmpty();
      assertThat(count("crm_dead_letter_away", poisonKey)).as("nothing parked while the table is away").isZero();
    } finally {
      if (renamed) {
        execute("ALTER TABLE crm_dead_letter_away RENAME TO crm_dead_letter");
      }
    }

    // back: the next redelivery parks it, once; the good message behind it follows; no more failures
    assertThat(awaitCustomer("RG-" + run).getString("givenName")).isEqualTo("Reli");
    assertThat(count("crm_dead_letter", poisonKey)).isEqualTo(1);
    double failedAfterParking = failed();
    sendToQueue(master("rh-" + run, "RH-" + run, "later." + run + "@example.com"));
    awaitCustomer("RH-" + run);
    assertThat(failed()).as("no more failures once parked").isEqualTo(failedAfterParking);
    assertThat(count("crm_dead_letter", poisonKey)).as("parked exactly once").isEqualTo(1);
    assertThat(customer("RP-" + run)).isEmpty();
  }

  private static double failed() {
    return counter(FAILED, "route=\"erp-customers-in\"", "outcome=\"failed\"");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(String table, String messageKey) throws SQLException {
    try (Connection c = TestDatabase.connect();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE message_key = ?")) {
      s.setString(1, messageKey);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String master(String messageId, String erpId, String email) {
    return """
        {"messageId":"%s","erpCustomerId":"%s","givenName":"Reli","familyName":"Able","email":"%s"}
        """.formatted(messageId, erpId, email);
  }

  private static void sendToQueue(String body) {
    HttpResponse<String> sent = send(request("/erp-sender/send")
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
}

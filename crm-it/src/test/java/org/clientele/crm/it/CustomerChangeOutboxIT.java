package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customer changes reach the ERP's outbox in the transaction of the change (the suite runs with
 * {@code crm.outbox.erp.customer-changes.enabled=true}): one message per transaction and customer, in order,
 * and nothing personal left behind by an erasure.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomerChangeOutboxIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void changesMergesAndErasuresAreWrittenInOrderPerCustomer() throws SQLException {
    String email = "outbox." + run + "@example.com";
    HttpResponse<String> registered = postJson(INTEGRATION, "/crm/api/customers", """
        {"identities":[{"system":"ERP","externalId":"OB-%s"}],"email":"%s","givenName":"Olga",
         "consents":[{"channel":"EMAIL","purpose":"MARKETING","status":"GRANTED","source":"shop",
           "decidedAt":"2026-11-01T10:00:00Z"}]}"""
        .formatted(run, email));
    assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
    long id = json(registered).getJsonNumber("id").longValue();

    // a registration with consents is one transaction: one message, with the consents in it
    List<JsonObject> messages = messages(id);
    assertThat(messages).hasSize(1);
    JsonObject first = messages.get(0);
    assertThat(first.getString("messageType")).isEqualTo("customer.changed");
    assertThat(first.getString("erpCustomerId")).isEqualTo("OB-" + run);
    assertThat(first.getJsonObject("customer").getString("email")).isEqualTo(email);
    assertThat(first.getJsonObject("customer").getJsonArray("consents")).hasSize(1);

    String path = "/crm/api/customers/" + id;
    String etag = get(AGENT, path).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> patched = send(requestAs(AGENT, path).header("Content-Type", "application/merge-patch+json")
        .header("If-Match", etag).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"givenName\":\"Olgaa\"}")));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(messages(id)).extracting(m -> m.getJsonObject("customer").getJsonNumber("version").longValue())
        .as("in order, each with its own snapshot").isSorted().hasSize(2);

    long other = json(postJson(INTEGRATION, "/crm/api/customers", "{\"email\":\"outbox.b.%s@example.com\"}"
        .formatted(run))).getJsonNumber("id").longValue();
    HttpResponse<String> merge = postJson(ADMIN, "/crm/api/customer-merges",
        "{\"survivorId\":%d,\"mergedIds\":[%d]}".formatted(id, other));
    assertThat(merge.statusCode()).as(merge.body()).isEqualTo(201);
    assertThat(messages(id)).extracting(m -> m.getString("messageType")).contains("customer.merged");

    HttpResponse<String> erased = postJson(ADMIN, "/crm/api/customers/" + id + "/erasure",
        "{\"reason\":\"outbox erasure test\"}");
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    List<JsonObject> after = messages(id);
    assertThat(after).extracting(m -> m.getString("messageType")).containsExactly("customer.erased");
    assertThat(after.get(0).getJsonNumber("customerId").longValue()).isEqualTo(id);
    assertThat(TestDatabase.whereStored(email)).as("no trace of the email, outbox included").isEmpty();
    assertThat(TestDatabase.whereStored("OB-" + run)).as("nor of the ERP identity").isEmpty();
  }

  @Test
  void aRequestsCorrelationIdIsEchoedAndCarriedByTheOutboxMessagesItCauses() throws SQLException {
    String correlationId = "rest-corr-" + run;
    HttpResponse<String> created = send(requestAs(INTEGRATION, "/crm/api/customers")
        .header("Content-Type", "application/json")
        .header("X-Correlation-Id", correlationId)
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"corr." + run + "@example.com\"}")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("X-Correlation-Id")).hasValue(correlationId);
    assertThat(TestDatabase.outboxCorrelationIds(json(created).getJsonNumber("id").longValue()))
        .containsExactly(correlationId);

    // without one (or with an implausible one), the request gets its own, and its messages carry that
    HttpResponse<String> other = send(requestAs(INTEGRATION, "/crm/api/customers")
        .header("Content-Type", "application/json")
        .header("X-Correlation-Id", "not a plausible id")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"corr.b." + run + "@example.com\"}")));
    assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
    String assigned = other.headers().firstValue("X-Correlation-Id").orElseThrow();
    assertThat(assigned).isNotEqualTo("not a plausible id").hasSize(36);
    assertThat(TestDatabase.outboxCorrelationIds(json(other).getJsonNumber("id").longValue()))
        .containsExactly(assigned);
  }

  /** The ERP outbox messages of one customer, in the order they will be delivered. */
  private static List<JsonObject> messages(long customerId) throws SQLException {
    List<JsonObject> messages = new ArrayList<>();
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT payload FROM crm_outbox WHERE target = 'erp' AND ordering_key = ? ORDER BY id")) {
      s.setString(1, String.valueOf(customerId));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          messages.add(Json.createReader(new StringReader(r.getString(1))).readObject());
        }
      }
    }
    return messages;
  }
}

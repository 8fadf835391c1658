package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dead-letter store through REST: filter, replay an outbound letter into the outbox, discard, conflicts. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeadLetterIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void parkedLettersAreListedReplayedAndDiscarded() throws SQLException {
    String system = "sys-" + run;
    long replayable = park(system, "customer.changed", "4711");
    long discardable = park(system, "order.placed", "4712");

    JsonObject page = json(get(INTEGRATION, "/crm/api/dead-letters?system=" + system));
    assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(d -> d.getJsonNumber("id").longValue()).containsExactly(discardable, replayable);
    assertThat(json(get(INTEGRATION, "/crm/api/dead-letters?system=" + system + "&messageType=order.placed"))
        .getJsonArray("items")).hasSize(1);
    JsonObject one = json(get(ADMIN, "/crm/api/dead-letters/" + replayable));
    assertThat(one.getString("payload")).isEqualTo("{\"customerId\":4711}");
    assertThat(one.getString("reason")).isEqualTo("HTTP 503 from target");
    assertThat(one.getString("status")).isEqualTo("PARKED");

    // a stale version is refused; the current one replays into the outbox, behind nothing
    assertProblem(replay(replayable, "\"99\""), 412, "precondition-failed");
    HttpResponse<String> replayed = replay(replayable, "\"1\"");
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(json(replayed).getString("status")).isEqualTo("REPLAYED");
    assertThat(json(replayed).getString("resolvedBy")).isEqualTo(ADMIN);
    assertThat(outboxRows(system, "4711")).isEqualTo(1);
    assertThat(jsonArray(get(INTEGRATION, "/crm/api/integration/outbox")).getValuesAs(JsonObject.class))
        .filteredOn(o -> o.getString("target").equals(system))
        .singleElement().satisfies(o -> assertThat(o.getJsonNumber("pending").longValue()).isEqualTo(1));
    assertProblem(replay(replayable, null), 409, "conflict");

    assertProblem(postJson(ADMIN, "/crm/api/dead-letters/" + discardable + "/discard", "{}"), 400, "invalid-input");
    HttpResponse<String> discarded = postJson(ADMIN, "/crm/api/dead-letters/" + discardable + "/discard",
        "{\"reason\":\"order cancelled in the ERP meanwhile\"}");
    assertThat(json(discarded).getString("status")).isEqualTo("DISCARDED");
    assertThat(json(discarded).getString("resolution")).isEqualTo("order cancelled in the ERP meanwhile");

    assertThat(json(get(INTEGRATION, "/crm/api/dead-letters?system=" + system)).getJsonArray("items")).isEmpty();
    assertThat(json(get(INTEGRATION, "/crm/api/dead-letters?system=" + system + "&status=ALL"))
        .getJsonArray("items")).hasSize(2);
    JsonObject counts = json(get(INTEGRATION, "/crm/api/dead-letters/counts")).getJsonObject(system);
    assertThat(counts.getJsonNumber("REPLAYED").longValue()).isEqualTo(1);
    assertThat(counts.getJsonNumber("DISCARDED").longValue()).isEqualTo(1);
  }

  @Test
  void backlogAndRouteExchangesAreInTheMetrics() {
    String metrics = send(org.clientele.crm.it.support.TestServer.request("/metrics?scope=application").GET()).body();
    assertThat(metrics.lines().filter(l -> l.startsWith("crm_outbox_pending{") && l.contains("target=\"erp\"")))
        .hasSize(1);
    assertThat(metrics.lines().filter(l -> l.startsWith("crm_outbox_lag_seconds{") && l.contains("target=\"erp\"")))
        .hasSize(1);
    assertThat(metrics.lines().filter(l -> l.startsWith("crm_dead_letters_parked{") && l.contains("system=\"erp\"")))
        .hasSize(1);
    // the ping goes through the system-ping route: its exchanges are counted per outcome
    assertThat(postJson(INTEGRATION, "/crm/api/integration/ping", "{\"message\":\"metrics\"}").statusCode())
        .isEqualTo(200);
    String after = send(org.clientele.crm.it.support.TestServer.request("/metrics?scope=application").GET()).body();
    assertThat(after.lines().filter(l -> l.startsWith("crm_route_exchanges_total{")
        && l.contains("route=\"system-ping\"") && l.contains("outcome=\"processed\""))).hasSize(1);
  }

  @Test
  void badRequestsAreRefusedClearly() {
    assertProblem(get(INTEGRATION, "/crm/api/dead-letters?direction=SIDEWAYS"), 400, "invalid-input");
    assertProblem(get(INTEGRATION, "/crm/api/dead-letters?limit=0"), 400, "invalid-input");
    assertProblem(get(INTEGRATION, "/crm/api/dead-letters/987654321"), 404, "not-found");
    assertThat(get(AGENT, "/crm/api/dead-letters").statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> replay(long id, String ifMatch) {
    HttpRequest.Builder request = requestAs(ADMIN, "/crm/api/dead-letters/" + id + "/replay")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody());
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request);
  }

  /** A delivery the outbox gave up on, as the relay parks it. */
  private static long park(String system, String type, String customer) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement("INSERT INTO crm_dead_letter"
        + " (direction, system_name, route_id, message_type, message_key, ordering_key, payload, reason, reason_type,"
        + " attempts, correlation_id, status, created_at, updated_at, version) VALUES ('OUTBOUND', ?, 'erp-outbox',"
        + " ?, ?, ?, ?, 'HTTP 503 from target', 'delivery', 8, 'corr-1', 'PARKED', ?, ?, 1)",
        Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, system);
      s.setString(2, type);
      s.setString(3, "outbox:" + customer);
      s.setString(4, customer);
      s.setString(5, "{\"customerId\":" + customer + "}");
      s.setObject(6, now);
      s.setObject(7, now);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static long outboxRows(String target, String key) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT COUNT(*) FROM crm_outbox WHERE target = ? AND ordering_key = ?")) {
      s.setString(1, target);
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}

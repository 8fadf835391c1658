package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a new user checks first: health, OpenAPI, metrics, authentication, roles and error documents. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FoundationIT {

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void readinessCoversDatabaseMigrationsAndCamel() {
    JsonObject health = await().atMost(Duration.ofSeconds(60)).until(
        () -> json(send(request("/health/ready").GET())), h -> "UP".equals(h.getString("status")));

    assertThat(health.getJsonArray("checks").getValuesAs(JsonObject.class))
        .extracting(c -> c.getString("name"))
        .contains("database", "migrations", "camel");
    JsonObject camel = check(health, "camel");
    assertThat(camel.getJsonObject("data").getString("route.system-heartbeat")).isEqualTo("Started");
    assertThat(camel.getJsonObject("data").getString("route.system-ping")).isEqualTo("Started");
    assertThat(check(health, "migrations").getJsonObject("data").getInt("pending")).isZero();
  }

  @Test
  void livenessIsUpWithoutCredentials() {
    HttpResponse<String> response = send(request("/health/live").GET());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).getString("status")).isEqualTo("UP");
  }

  @Test
  void openApiDocumentListsTheApiWithSchemas() {
    HttpResponse<String> response = send(request("/openapi").header("Accept", "application/json").GET());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject document = json(response);
    // Paths are relative to the server URL, which carries the context root.
    assertThat(document.getJsonArray("servers").getJsonObject(0).getString("url")).endsWith("/crm");
    assertThat(document.getJsonObject("paths").keySet())
        .contains("/api/system/status", "/api/integration/routes", "/api/integration/ping");
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    assertThat(schemas.getJsonObject("SystemStatus")).as(response.body()).containsKey("properties");
    assertThat(schemas.getJsonObject("SystemStatus").getJsonObject("properties").keySet())
        .contains("version", "databaseProduct", "schemaVersion", "nodes");
    assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").keySet())
        .contains("basic", "jwt");

    assertThat(send(request("/openapi/ui/").GET()).statusCode()).isEqualTo(200);
  }

  @Test
  void metricsNeedNoCredentials() {
    HttpResponse<String> response = send(request("/metrics").GET());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_uptime");
  }

  @Test
  void statusReportsVersionDatabaseSchemaAndThisNodesHeartbeat() {
    JsonObject status = await().atMost(Duration.ofSeconds(30)).until(
        () -> json(get(AGENT, "/crm/api/system/status")),
        s -> s.getJsonArray("nodes").size() > 0);

    assertThat(status.getString("version")).isNotBlank().isNotEqualTo("unknown");
    assertThat(status.getString("databaseProduct"))
        .startsWith("postgres".equals(TestServer.database()) ? "PostgreSQL" : "H2");
    assertThat(status.getString("schemaVersion")).isNotBlank();
    JsonObject self = status.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
        .filter(n -> n.getString("name").equals(status.getString("node")))
        .findFirst().orElseThrow();
    assertThat(self.getJsonNumber("heartbeats").longValue()).isPositive();
  }

  @Test
  void leasesShowThatTheOnlyServerHoldsTheScheduledJobs() {
    String node = json(get(AGENT, "/crm/api/system/status")).getString("node");
    // awaited, not read once: on a busy machine a late renewal lets the lease lapse for a moment (and come back)
    JsonObject segments = await().atMost(Duration.ofSeconds(60)).until(
        () -> jsonArray(get(ADMIN, "/crm/api/system/leases")).getValuesAs(JsonObject.class).stream()
            .filter(x -> x.getString("name").equals("segment-recompute")).findFirst().orElse(null),
        l -> l != null && l.getBoolean("heldHere") && !l.getBoolean("expired"));
    assertThat(segments.getString("holder")).isEqualTo(node);
    assertThat(segments.getJsonNumber("epoch").longValue()).isPositive();
    assertThat(get(AGENT, "/crm/api/system/leases").statusCode()).as("operators only").isEqualTo(403);
  }

  @Test
  void unauthenticatedCallGets401Problem() {
    HttpResponse<String> response = send(request("/crm/api/system/status").GET());
    assertProblem(response, 401, "unauthenticated");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void wrongPasswordGets401Problem() {
    HttpResponse<String> response = send(request("/crm/api/system/status")
        .header("Authorization", TestServer.basic(ADMIN, "not-the-password")).GET());
    assertProblem(response, 401, "unauthenticated");
  }

  @Test
  void missingRoleGets403Problem() {
    assertProblem(get(AGENT, "/crm/api/integration/routes"), 403, "forbidden");
  }

  @Test
  void routesListTheSystemRoutesForAdminsAndIntegrations() {
    for (String user : new String[] {ADMIN, INTEGRATION}) {
      HttpResponse<String> response = get(user, "/crm/api/integration/routes");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(jsonArray(response).getValuesAs(JsonObject.class))
          .filteredOn(r -> r.getString("id").startsWith("system-"))
          .extracting(r -> r.getString("id") + "=" + r.getString("state"))
          .containsExactlyInAnyOrder("system-heartbeat=Started", "system-ping=Started",
              "system-follow-up-rules=Started", "system-prediction-run=Stopped");
    }
  }

  @Test
  void pingTravelsThroughTheIntegrationRuntime() {
    HttpResponse<String> response = postJson(AGENT, "/crm/api/integration/ping", "{\"message\":\"hello\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject reply = json(response);
    assertThat(reply.getString("message")).isEqualTo("hello");
    assertThat(reply.getString("routeId")).isEqualTo("system-ping");
    assertThat(reply.getString("correlationId")).isNotBlank();
    assertThat(reply.getString("node")).isNotBlank();
  }

  @Test
  void malformedJsonGets400Problem() {
    assertProblem(postJson(AGENT, "/crm/api/integration/ping", "{\"message\": "), 400, "malformed-request");
    assertProblem(postJson(AGENT, "/crm/api/integration/ping", "[1,2]"), 400, "malformed-request");
  }

  @Test
  void invalidValueGets400ProblemNamingTheField() {
    JsonObject problem = assertProblem(
        postJson(AGENT, "/crm/api/integration/ping", "{\"message\":\"\"}"), 400, "invalid-input");
    JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("message");
    assertThat(error.getString("message")).isEqualTo("must not be blank");
  }

  @Test
  void missingBodyGets400Problem() {
    assertProblem(postJson(AGENT, "/crm/api/integration/ping", ""), 400, "malformed-request");
  }

  @Test
  void wrongMediaTypeGets415Problem() {
    HttpResponse<String> response = send(requestAs(AGENT, "/crm/api/integration/ping")
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));
    assertProblem(response, 415, "unsupported-media-type");
  }

  @Test
  void unknownPathGets404Problem() {
    assertProblem(get(AGENT, "/crm/api/no-such-resource"), 404, "not-found");
  }

  @Test
  void wrongMethodGets405Problem() {
    HttpResponse<String> response = send(requestAs(AGENT, "/crm/api/system/status").DELETE());
    assertProblem(response, 405, "method-not-allowed");
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no health check " + name + " in " + health));
  }

}

package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.clientele.crm.it.support.TestServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /customers/batch}: registrations in order, all or none, one profile per person within a batch. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomerBatchIT {

  private static final String BATCH = "/crm/api/customers/batch";

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void aBatchCreatesAndUpdatesInOrder() {
    HttpResponse<String> single = postJson(INTEGRATION, "/crm/api/customers",
        "{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"B0-%1$s\"}],\"givenName\":\"Old\",\"email\":\"b0.%1$s@example.com\"}"
            .formatted(run));
    assertThat(single.statusCode()).as(single.body()).isEqualTo(201);
    long existing = json(single).getJsonNumber("id").longValue();

    HttpResponse<String> response = postJson(INTEGRATION, BATCH, "[" + String.join(",",
        "{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"B1-%1$s\"}],\"givenName\":\"Berta\",\"email\":\"b1.%1$s@example.com\"}",
        "{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"B0-%1$s\"}],\"givenName\":\"New\"}",
        "{\"givenName\":\"Carl\",\"email\":\"B2.%1$s@Example.com\",\"tags\":[\"vip\"]}") .formatted(run) + "]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonObject> registrations = jsonArray(response).getValuesAs(JsonObject.class);
    assertThat(registrations).extracting(r -> r.getBoolean("created")).containsExactly(true, false, true);
    assertThat(registrations.get(1).getString("matchedBy")).isEqualTo("EXTERNAL_IDENTITY");
    assertThat(registrations.get(1).getJsonObject("profile").getJsonNumber("id").longValue()).isEqualTo(existing);
    assertThat(registrations.get(1).getJsonObject("profile").getString("givenName")).isEqualTo("New");
    assertThat(registrations.get(2).getJsonObject("profile").getString("email")).isEqualTo("b2.%s@example.com".formatted(run));

    long created = registrations.get(0).getJsonObject("profile").getJsonNumber("id").longValue();
    assertThat(json(get(AGENT, "/crm/api/customers/" + created)).getString("givenName")).isEqualTo("Berta");
    assertThat(json(get(AGENT, "/crm/api/customers/" + existing)).getString("givenName")).isEqualTo("New");
  }

  @Test
  void twoElementsOfOnePersonMakeOneProfileTheLaterUpdatesIt() {
    HttpResponse<String> response = postJson(INTEGRATION, BATCH, """
        [{"identities":[{"system":"ERP","externalId":"D-%1$s"}],"givenName":"Dora","email":"dora.%1$s@example.com"},
         {"email":"DORA.%1$s@example.com","familyName":"Diaz","tags":["b"]},
         {"identities":[{"system":"ERP","externalId":"D-%1$s"}],"givenName":"Dorothea","tags":["c"]}]"""
        .formatted(run));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonObject> registrations = jsonArray(response).getValuesAs(JsonObject.class);
    assertThat(registrations).extracting(r -> r.getBoolean("created")).containsExactly(true, false, false);
    assertThat(registrations).extracting(r -> r.getJsonObject("profile").getJsonNumber("id").longValue())
        .containsOnly(registrations.get(0).getJsonObject("profile").getJsonNumber("id").longValue());
    assertThat(registrations.get(1).getString("matchedBy")).isEqualTo("EMAIL");
    assertThat(registrations.get(2).getString("matchedBy")).isEqualTo("EXTERNAL_IDENTITY");

    JsonObject stored = json(get(AGENT, "/crm/api/customers/lookup?email=dora.%s@example.com".formatted(run)));
    assertThat(stored.getString("givenName")).isEqualTo("Dorothea");
    assertThat(stored.getString("familyName")).isEqualTo("Diaz");
    assertThat(stored.getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString).contains("b", "c");
  }

  @Test
  void elementsMatchingDifferentExistingProfilesByEmailAndByIdentityUpdateEach() throws SQLException {
    long byEmail = json(postJson(INTEGRATION, "/crm/api/customers",
        "{\"givenName\":\"Emma\",\"email\":\"emma.%s@example.com\"}".formatted(run))).getJsonNumber("id").longValue();
    long byIdentity = json(postJson(INTEGRATION, "/crm/api/customers",
        "{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"I-%1$s\"}],\"givenName\":\"Ida\",\"email\":\"ida.%1$s@example.com\"}"
            .formatted(run))).getJsonNumber("id").longValue();

    HttpResponse<String> response = postJson(INTEGRATION, BATCH, """
        [{"email":"EMMA.%1$s@example.com","familyName":"Ek","consents":[{"channel":"EMAIL","purpose":"MARKETING",
          "status":"GRANTED","source":"batch","decidedAt":"2026-02-01T00:00:00Z"}]},
         {"identities":[{"system":"ERP","externalId":"I-%1$s"}],"familyName":"Iversen","tags":["i"]},
         {"givenName":"Nina","email":"nina.%1$s@example.com"},
         {"email":"emma.%1$s@example.com","consents":[{"channel":"EMAIL","purpose":"MARKETING",
          "status":"DENIED","source":"batch","decidedAt":"2026-02-02T00:00:00Z"}]}]""".formatted(run));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonObject> registrations = jsonArray(response).getValuesAs(JsonObject.class);
    assertThat(registrations).extracting(r -> r.getBoolean("created")).containsExactly(false, false, true, false);
    assertThat(registrations).extracting(r -> r.getJsonObject("profile").getJsonNumber("id").longValue())
        .containsExactly(byEmail, byIdentity, registrations.get(2).getJsonObject("profile").getJsonNumber("id")
            .longValue(), byEmail);
    assertThat(registrations.get(0).getString("matchedBy")).isEqualTo("EMAIL");
    assertThat(registrations.get(1).getString("matchedBy")).isEqualTo("EXTERNAL_IDENTITY");
    assertThat(registrations.get(3).getString("matchedBy")).isEqualTo("EMAIL");
    // each element answers with the profile as it left it: its consents then, the version the batch wrote
    assertThat(consentStatus(registrations.get(0))).isEqualTo("GRANTED");
    assertThat(consentStatus(registrations.get(3))).isEqualTo("DENIED");

    JsonObject emma = json(get(AGENT, "/crm/api/customers/" + byEmail));
    assertThat(emma.getString("givenName")).isEqualTo("Emma");
    assertThat(emma.getString("familyName")).isEqualTo("Ek");
    assertThat(emma.getJsonArray("consents").getJsonObject(0).getString("status")).isEqualTo("DENIED");
    assertThat(registrations.get(3).getJsonObject("profile").getJsonNumber("version").longValue())
        .isEqualTo(emma.getJsonNumber("version").longValue());
    JsonObject ida = json(get(AGENT, "/crm/api/customers/" + byIdentity));
    assertThat(ida.getString("familyName")).isEqualTo("Iversen");
    assertThat(ida.getString("email")).isEqualTo("ida.%s@example.com".formatted(run));

    // the batch writes consents and audit events by plain JDBC: the same rows as a single registration's
    List<JsonObject> history = jsonArray(get(AGENT, "/crm/api/customers/" + byEmail + "/consents"))
        .getValuesAs(JsonObject.class);
    assertThat(history).extracting(d -> d.getString("status") + " " + d.getString("source") + " "
        + d.getString("decidedAt")).containsExactly("DENIED batch 2026-02-02T00:00:00Z", "GRANTED batch 2026-02-01T00:00:00Z");
    long nina = registrations.get(2).getJsonObject("profile").getJsonNumber("id").longValue();
    // the last element changes only a consent: no upsert of the profile to audit
    assertThat(audited(byEmail)).containsExactly("customer.registered", "consent.recorded", "customer.upserted",
        "consent.recorded");
    assertThat(audited(nina)).containsExactly("customer.registered");
  }

  /** The audit actions of a customer, in the order written; with the batch's caller as their actor. */
  private static List<String> audited(long customerId) throws SQLException {
    List<String> actions = new java.util.ArrayList<>();
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement("SELECT action, actor"
        + " FROM crm_audit_event WHERE entity_type = 'Customer' AND entity_id = ? ORDER BY id")) {
      s.setString(1, String.valueOf(customerId));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          assertThat(rs.getString(2)).isEqualTo("integration");
          actions.add(rs.getString(1));
        }
      }
    }
    return actions;
  }

  @Test
  void aBatchRacingASingleRegistrationOfTheSamePersonMakesOneProfile() throws Exception {
    for (int r = 0; r < 4; r++) {
      int round = r;
      String email = "racer%d.%s@example.com".formatted(round, run);
      String external = "R%d-%s".formatted(round, run);
      String others = IntStream.range(0, 40)
          .mapToObj(i -> "{\"givenName\":\"Other\",\"email\":\"other%d.%d.%s@example.com\"}".formatted(round, i, run))
          .collect(Collectors.joining(","));
      String batch = "[" + others + ",{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"%s\"}],\"email\":\"%s\",\"givenName\":\"Racer\"}]"
          .formatted(external, email);
      String single = "{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"%s\"}],\"email\":\"%s\",\"familyName\":\"Single\"}"
          .formatted(external, email);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Callable<HttpResponse<String>>> calls = List.of(() -> postJson(INTEGRATION, BATCH, batch),
            () -> postJson(INTEGRATION, "/crm/api/customers", single),
            () -> postJson(INTEGRATION, "/crm/api/customers", single));
        Set<Long> ids = new HashSet<>();
        for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
          HttpResponse<String> response = result.get();
          assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
          JsonObject profile = response.body().startsWith("[")
              ? jsonArray(response).getJsonObject(40).getJsonObject("profile") : json(response);
          ids.add(profile.getJsonNumber("id").longValue());
        }
        assertThat(ids).as("one profile for the person, round " + round).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
      JsonObject page = json(get(AGENT, "/crm/api/customers?email=" + email));
      assertThat(page.getJsonNumber("total").longValue()).isEqualTo(1);
      JsonObject stored = json(get(AGENT, "/crm/api/customers/lookup?email=" + email));
      assertThat(stored.getString("givenName")).isEqualTo("Racer");
      assertThat(stored.getString("familyName")).isEqualTo("Single");
    }
  }

  private static String consentStatus(JsonObject registration) {
    return registration.getJsonObject("profile").getJsonArray("consents").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("channel").equals("EMAIL") && c.getString("purpose").equals("MARKETING"))
        .map(c -> c.getString("status")).findFirst().orElse(null);
  }

  @Test
  void aBadElementRejectsTheWholeBatchNamingIt() {
    String batch = "[" + IntStream.range(0, 4)
        .mapToObj(i -> "{\"givenName\":\"E%d\",\"email\":\"%s\"}".formatted(i,
            i == 3 ? "not-an-address" : "e%d.%s@example.com".formatted(i, run)))
        .collect(Collectors.joining(",")) + "]";

    JsonObject problem = assertProblem(postJson(INTEGRATION, BATCH, batch), 400, "invalid-input");

    assertThat(fields(problem)).containsExactly("customers[3].email");
    assertProblem(get(AGENT, "/crm/api/customers/lookup?email=e0.%s@example.com".formatted(run)), 404, "not-found");
  }

  /** A bulk load that needs no results asks for none (RFC 7240 {@code Prefer}); the batch is written the same. */
  @Test
  void aBatchPreferringAMinimalReturnGets204AndIsWrittenAllTheSame() {
    String batch = "[{\"givenName\":\"Min\",\"email\":\"min1.%1$s@example.com\"},"
        + "{\"givenName\":\"Mo\",\"email\":\"min2.%1$s@example.com\"}]";
    HttpResponse<String> minimal = send(TestServer.requestAs(INTEGRATION, BATCH)
        .header("Content-Type", "application/json").header("Prefer", "handling=strict, return=minimal")
        .POST(HttpRequest.BodyPublishers.ofString(batch.formatted(run))));

    assertThat(minimal.statusCode()).as(minimal.body()).isEqualTo(204);
    assertThat(minimal.headers().firstValue("Preference-Applied")).hasValue("return=minimal");
    assertThat(minimal.body()).isEmpty();
    assertThat(json(get(AGENT, "/crm/api/customers/lookup?email=min2.%s@example.com".formatted(run)))
        .getString("givenName")).isEqualTo("Mo");
    // a bad batch still gets its problem, whatever the preference
    HttpResponse<String> bad = send(TestServer.requestAs(INTEGRATION, BATCH)
        .header("Content-Type", "application/json").header("Prefer", "return=minimal")
        .POST(HttpRequest.BodyPublishers.ofString("[{\"givenName\":\"A\",\"email\":\"nope\"}]")));
    assertThat(fields(assertProblem(bad, 400, "invalid-input"))).containsExactly("customers[0].email");
  }

  @Test
  void aBatchHasOneTo500CustomersAndAJsonArray() {
    String tooMany = "[" + IntStream.range(0, 501).mapToObj(i -> "{\"givenName\":\"X\"}")
        .collect(Collectors.joining(",")) + "]";
    assertThat(fields(assertProblem(postJson(INTEGRATION, BATCH, tooMany), 400, "invalid-input")))
        .containsExactly("customers");
    assertThat(fields(assertProblem(postJson(INTEGRATION, BATCH, "[]"), 400, "invalid-input")))
        .containsExactly("customers");
    assertThat(fields(assertProblem(postJson(INTEGRATION, BATCH, "[{\"givenName\":\"A\"},null]"), 400,
        "invalid-input"))).containsExactly("customers[1]");
    assertProblem(postJson(INTEGRATION, BATCH, "{\"givenName\":\"A\"}"), 400, "malformed-request");
  }

  @Test
  void aBatchNeedsTheRolesOfASingleRegistration() {
    HttpResponse<String> anonymous = send(request(BATCH).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("[{\"givenName\":\"A\"}]")));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> agent = postJson(AGENT, BATCH, "[{\"givenName\":\"A\",\"email\":\"a.%s@example.com\"}]"
        .formatted(run));
    assertThat(agent.statusCode()).as(agent.body()).isEqualTo(200);
  }

  private static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("field")).toList();
  }
}

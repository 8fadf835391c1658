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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Customer 360 through the REST API: identity resolution, versions, patches, search, consent, bad input. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomerIT {

  /** Makes the data of each test unique, so tests never see each other's customers. */
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void registrationMatchesByIdentityThenEmailThenPhone() {
    HttpResponse<String> created = register(INTEGRATION, """
        {"identities":[{"system":"ERP","externalId":"E-%1$s"}],"givenName":"Anna","familyName":"Schmidt",
         "email":"Anna.%1$s@Example.com","phone":"+49 30 %2$s"}""".formatted(run, phoneDigits()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/crm/api/customers/"));
    assertThat(created.headers().firstValue("ETag")).isPresent();
    long id = json(created).getJsonNumber("id").longValue();

    HttpResponse<String> byEmail = register(INTEGRATION, "{\"email\":\"  anna.%s@EXAMPLE.com \"}".formatted(run));
    assertThat(byEmail.statusCode()).isEqualTo(200);
    assertThat(byEmail.headers().firstValue("X-Clientele-Match")).contains("EMAIL");
    assertThat(json(byEmail).getJsonNumber("id").longValue()).isEqualTo(id);

    HttpResponse<String> byPhone = register(INTEGRATION, "{\"phone\":\"+49-30-%s\",\"givenName\":\"Anne\"}"
        .formatted(phoneDigits()));
    assertThat(byPhone.headers().firstValue("X-Clientele-Match")).contains("PHONE");
    assertThat(json(byPhone).getJsonNumber("id").longValue()).isEqualTo(id);

    HttpResponse<String> byIdentity = register(INTEGRATION, """
        {"identities":[{"system":"ERP","externalId":"E-%s"}],"email":"anna.new.%s@example.com"}"""
        .formatted(run, run));
    assertThat(byIdentity.headers().firstValue("X-Clientele-Match")).contains("EXTERNAL_IDENTITY");
    JsonObject profile = json(byIdentity);
    assertThat(profile.getJsonNumber("id").longValue()).isEqualTo(id);
    assertThat(profile.getString("givenName")).isEqualTo("Anne");
    assertThat(profile.getString("email")).isEqualTo("anna.new.%s@example.com".formatted(run));
    assertThat(profile.getJsonArray("contactPoints").getValuesAs(JsonObject.class))
        .as("the replaced email is kept").extracting(c -> c.getString("value"))
        .contains("anna.%s@example.com".formatted(run));
  }

  /**
   * A registration that changes nothing (a replayed record, or one redelivered after a crash) writes nothing:
   * the version stays and no upsert is audited or announced; one that changes something does all of that.
   */
  @Test
  void aRegistrationThatChangesNothingWritesNothing() throws Exception {
    String record = """
        {"identities":[{"system":"ERP","externalId":"NC-%1$s"}],"givenName":"Nora","familyName":"Same",
         "email":"nc.%1$s@example.com","tags":["b","a"]}""".formatted(run);
    JsonObject created = json(register(INTEGRATION, record));
    long id = created.getJsonNumber("id").longValue();
    long version = created.getJsonNumber("version").longValue();

    HttpResponse<String> again = register(INTEGRATION, record);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(json(again).getJsonNumber("version").longValue()).isEqualTo(version);
    assertThat(json(again).getString("updatedAt")).isEqualTo(created.getString("updatedAt"));
    HttpResponse<String> inABatch = postJson(INTEGRATION, "/crm/api/customers/batch", "[" + record + "]");
    assertThat(inABatch.statusCode()).as(inABatch.body()).isEqualTo(200);
    assertThat(jsonArray(inABatch).getJsonObject(0).getJsonObject("profile").getJsonNumber("version").longValue())
        .isEqualTo(version);
    assertThat(json(get(AGENT, "/crm/api/customers/" + id)).getJsonNumber("version").longValue()).isEqualTo(version);
    assertThat(auditedUpserts(id)).isZero();

    HttpResponse<String> changed = register(INTEGRATION, """
        {"identities":[{"system":"ERP","externalId":"NC-%s"}],"familyName":"Changed"}""".formatted(run));
    assertThat(json(changed).getJsonNumber("version").longValue()).isGreaterThan(version);
    assertThat(auditedUpserts(id)).isEqualTo(1);
  }

  private static long auditedUpserts(long customerId) throws SQLException {
    try (Connection c = TestDatabase.connect();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM crm_audit_event"
            + " WHERE action = 'customer.upserted' AND entity_type = 'Customer' AND entity_id = ?")) {
      s.setString(1, String.valueOf(customerId));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void concurrentRegistrationsOfOnePersonYieldOneProfile() throws Exception {
    String email = "race.%s@example.com".formatted(run);
    double registeredBefore = registeredEvents();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> register(INTEGRATION, "{\"email\":\"%s\",\"givenName\":\"Racer\"}".formatted(email)));
      }
      Set<Long> ids = new HashSet<>();
      for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
        HttpResponse<String> response = result.get();
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        ids.add(json(response).getJsonNumber("id").longValue());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    JsonObject page = json(get(AGENT, "/crm/api/customers?email=" + email));
    assertThat(page.getJsonNumber("total").longValue()).isEqualTo(1);
    assertThat(registeredEvents() - registeredBefore)
        .as("CustomerRegistered counted once: attempts that lost the race rolled back their event").isEqualTo(1.0);
  }

  @Test
  void rejectedRegistrationFiresNoEvent() {
    double before = registeredEvents();
    assertProblem(register(AGENT, "{\"email\":\"broken@\"}"), 400, "invalid-input");
    register(AGENT, "{\"email\":\"counted.%s@example.com\"}".formatted(run));
    assertThat(registeredEvents() - before).isEqualTo(1.0);
  }

  private static double registeredEvents() {
    return org.clientele.crm.it.support.TestServer.counter("crm_customer_events_total", "event=\"registered\"");
  }

  @Test
  void inputIsStoredNormalized() {
    JsonObject profile = json(register(AGENT, """
        {"givenName":"  Jo\\u0308rg ","email":"Jörg.%s@Müller.Example","phone":"+44 20 7946 0%s",
         "address":{"city":"Köln","country":"de"},"language":"de-de"}""".formatted(run, phoneDigits().substring(5))));

    assertThat(profile.getString("givenName")).isEqualTo("J\u00f6rg");
    assertThat(profile.getString("email")).isEqualTo("jörg.%s@xn--mller-kva.example".formatted(run));
    assertThat(profile.getString("phone")).startsWith("+44207946");
    assertThat(profile.getJsonObject("address").getString("country")).isEqualTo("DE");
    assertThat(profile.getString("language")).isEqualTo("de-DE");
  }

  @Test
  void updatesNeedTheCurrentVersion() {
    HttpResponse<String> created = register(AGENT, "{\"email\":\"v.%s@example.com\",\"familyName\":\"Old\"}".formatted(run));
    String path = "/crm/api/customers/" + json(created).getJsonNumber("id").longValue();
    String etag = created.headers().firstValue("ETag").orElseThrow();
    String body = "{\"email\":\"v.%s@example.com\",\"familyName\":\"New\"}".formatted(run);

    assertProblem(put(path, null, body), 428, "precondition-required");
    HttpResponse<String> updated = put(path, etag, body);
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json(updated).getString("familyName")).isEqualTo("New");
    assertThat(updated.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));

    assertProblem(put(path, etag, body), 412, "precondition-failed");
  }

  /**
   * A write's ETag must be the version stored once it committed. Collections with several elements are
   * what once made EclipseLink raise the version again at commit, depending on hash order; enough
   * repetitions with varied data make such a regression show.
   */
  @Test
  void theEtagOfAWriteIsTheStoredVersion() {
    for (int i = 0; i < 15; i++) {
      HttpResponse<String> created = register(INTEGRATION, """
          {"identities":[{"system":"ERP","externalId":"T%1$s-%2$d"},{"system":"WEB","externalId":"T%1$s-%2$d"}],
           "email":"t%2$d.%1$s@example.com","phone":"+4930%3$d","tags":["a%2$d","b","c"]}"""
          .formatted(run, i, 20_000_000 + Math.abs((run + i).hashCode()) % 9_000_000));
      String path = "/crm/api/customers/" + json(created).getJsonNumber("id").longValue();
      assertThat(created.headers().firstValue("ETag")).isEqualTo(get(AGENT, path).headers().firstValue("ETag"));

      HttpResponse<String> updated = put(path, created.headers().firstValue("ETag").orElseThrow(), """
          {"email":"t%2$d.%1$s@example.com","familyName":"Changed","tags":["x","y%2$d","z"],
           "contactPoints":[{"type":"EMAIL","value":"alt%2$d.%1$s@example.com"}]}""".formatted(run, i));
      assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
      assertThat(updated.headers().firstValue("ETag")).isEqualTo(get(AGENT, path).headers().firstValue("ETag"));
    }
  }

  @Test
  void mergePatchChangesOnlyWhatItNames() {
    HttpResponse<String> created = register(AGENT, """
        {"givenName":"Pat","familyName":"Keep","email":"p.%s@example.com","phone":"+4930%s","tags":["vip"]}"""
        .formatted(run, phoneDigits()));
    String path = "/crm/api/customers/" + json(created).getJsonNumber("id").longValue();

    HttpResponse<String> patched = send(requestAs(AGENT, path)
        .header("Content-Type", "application/merge-patch+json")
        .header("If-Match", created.headers().firstValue("ETag").orElseThrow())
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"givenName\":\"Patricia\",\"phone\":null}")));

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonObject profile = json(patched);
    assertThat(profile.getString("givenName")).isEqualTo("Patricia");
    assertThat(profile.getString("familyName")).isEqualTo("Keep");
    assertThat(profile.containsKey("phone")).as("null removes the phone").isFalse();
    assertThat(profile.getJsonArray("tags").getString(0)).isEqualTo("vip");
  }

  @Test
  void searchFiltersPagesAndCounts() {
    String tag = "batch-" + run;
    for (int i = 0; i < 5; i++) {
      register(AGENT, "{\"familyName\":\"Zed%s%d\",\"email\":\"s%d.%s@example.com\",\"tags\":[\"%s\"]}"
          .formatted(run, i, i, run, tag));
    }
    JsonObject first = json(get(AGENT, "/crm/api/customers?tag=" + tag + "&limit=2&sort=family_name"));
    JsonObject second = json(get(AGENT, "/crm/api/customers?tag=" + tag + "&limit=2&offset=2&sort=family_name"));

    assertThat(first.getJsonNumber("total").longValue()).isEqualTo(5);
    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(first.getJsonArray("items").getJsonObject(0).getString("familyName")).isEqualTo("Zed" + run + "0");
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("familyName")).isEqualTo("Zed" + run + "2");

    assertThat(first.getBoolean("totalCapped")).isFalse();

    JsonObject byName = json(get(AGENT, "/crm/api/customers?name=zed" + run + "3"));
    assertThat(byName.getJsonNumber("total").longValue()).isEqualTo(1);
  }

  @Test
  void broadSearchesCountUpToTheLimit() {
    String tag = "many-" + run;
    for (int i = 0; i < 10; i++) {
      register(AGENT, "{\"email\":\"many%d.%s@example.com\",\"tags\":[\"%s\"]}".formatted(i, run, tag));
    }
    JsonObject page = json(get(AGENT, "/crm/api/customers?tag=" + tag + "&limit=3"));

    assertThat(page.getJsonNumber("total").longValue()).as("the test server counts up to 8").isEqualTo(8);
    assertThat(page.getBoolean("totalCapped")).isTrue();
    assertThat(page.getJsonArray("items")).hasSize(3);
    assertThat(json(get(AGENT, "/crm/api/customers?tag=" + tag + "&offset=9&limit=3")).getJsonArray("items"))
        .as("paging goes past the counted total").hasSize(1);
  }

  @Test
  void consentInForceIsTheMostRecentDecision() {
    long id = json(register(AGENT, "{\"email\":\"c.%s@example.com\"}".formatted(run))).getJsonNumber("id").longValue();
    String consents = "/crm/api/customers/" + id + "/consents";
    String contactability = "/crm/api/customers/" + id + "/contactability?channel=email&purpose=marketing";

    assertThat(json(get(AGENT, contactability)).getBoolean("allowed")).isFalse();
    postJson(INTEGRATION, consents, consent("WITHDRAWN", "2026-03-02T10:00:00Z"));
    postJson(INTEGRATION, consents, consent("GRANTED", "2026-03-01T10:00:00Z"));
    assertThat(json(get(AGENT, contactability)).getBoolean("allowed"))
        .as("an older opt-in never overrides a newer opt-out").isFalse();

    postJson(INTEGRATION, consents, consent("GRANTED", "2026-03-03T10:00:00Z"));
    assertThat(json(get(AGENT, contactability)).getBoolean("allowed")).isTrue();
    assertThat(jsonArray(get(AGENT, consents))).hasSize(3);
  }

  @Test
  void customAttributesAreValidatedAgainstTheirDefinition() {
    String key = "points_" + run;
    HttpResponse<String> defined = send(requestAs(ADMIN, "/crm/api/customer-attributes/" + key)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"NUMBER\",\"description\":\"loyalty points\"}")));
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(200);

    JsonObject ok = json(register(AGENT, "{\"email\":\"a.%s@example.com\",\"attributes\":{\"%s\":\"42.50\"}}"
        .formatted(run, key)));
    assertThat(ok.getJsonObject("attributes").getString(key)).isEqualTo("42.50");

    JsonObject wrongType = assertProblem(register(AGENT,
        "{\"email\":\"b.%s@example.com\",\"attributes\":{\"%s\":\"many\"}}".formatted(run, key)), 400, "invalid-input");
    assertThat(wrongType.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("attributes." + key);
    assertThat(wrongType.getJsonArray("errors").getJsonObject(0).getString("message")).isEqualTo("must be a number");

    JsonObject unknown = assertProblem(register(AGENT,
        "{\"email\":\"b.%s@example.com\",\"attributes\":{\"nope_%s\":\"x\"}}".formatted(run, run)), 400, "invalid-input");
    assertThat(unknown.getJsonArray("errors").getJsonObject(0).getString("message"))
        .isEqualTo("is not a registered attribute");

    assertProblem(send(requestAs(AGENT, "/crm/api/customer-attributes/" + key + "x")
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"STRING\"}"))), 403, "forbidden");
  }

  @Test
  void badInputGetsSpecificProblemsAndStoresNothing() {
    JsonObject invalidEmail = assertProblem(register(AGENT, "{\"email\":\"not-an-email\"}"), 400, "invalid-input");
    assertThat(invalidEmail.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("email");

    JsonObject tooLong = assertProblem(register(AGENT,
        "{\"email\":\"l.%s@example.com\",\"givenName\":\"%s\"}".formatted(run, "x".repeat(201))), 400, "invalid-input");
    assertThat(tooLong.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("givenName");
    assertThat(json(get(AGENT, "/crm/api/customers?email=l.%s@example.com".formatted(run)))
        .getJsonNumber("total").longValue()).as("nothing stored").isZero();

    assertProblem(register(AGENT, "{\"email\": \"x@example.com\""), 400, "malformed-request");
    assertProblem(register(AGENT, "{\"birthDate\": \"yesterday\"}"), 400, "malformed-request");
    assertProblem(get(AGENT, "/crm/api/customers/987654321"), 404, "not-found");
    assertProblem(get(AGENT, "/crm/api/customers?stage=SLEEPING"), 400, "invalid-input");
  }

  @Test
  void anIdentityBelongsToOneProfile() {
    long first = json(register(INTEGRATION, "{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"D1-%s\"}]}"
        .formatted(run))).getJsonNumber("id").longValue();
    long second = json(register(INTEGRATION, "{\"email\":\"d2.%s@example.com\"}".formatted(run)))
        .getJsonNumber("id").longValue();
    assertThat(second).isNotEqualTo(first);

    assertProblem(postJson(INTEGRATION, "/crm/api/customers/" + second + "/identities",
        "{\"system\":\"ERP\",\"externalId\":\"D1-%s\"}".formatted(run)), 409, "conflict");
  }

  private static HttpResponse<String> register(String user, String json) {
    return postJson(user, "/crm/api/customers", json);
  }

  private static HttpResponse<String> put(String path, String etag, String body) {
    HttpRequest.Builder request = requestAs(AGENT, path).header("Content-Type", "application/json");
    if (etag != null) {
      request.header("If-Match", etag);
    }
    return send(request.PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static String consent(String status, String decidedAt) {
    return """
        {"channel":"EMAIL","purpose":"MARKETING","status":"%s","source":"test","decidedAt":"%s"}"""
        .formatted(status, decidedAt);
  }

  /** Digits derived from the run id, so phone numbers differ between runs. */
  private String phoneDigits() {
    return String.valueOf(Math.abs(run.hashCode()) % 90_000_000 + 10_000_000);
  }
}

package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No N+1 on the main read paths: the 360° view, the profile, the timeline page and the segment members page cost
 * the same number of SQL statements for a customer (or segment) with little data as for one with much, and at most
 * the bound stated here. Counted by the server itself ({@code crm.diagnostics.sql-statements=true} in the ITs'
 * environment): {@code X-Crm-Sql-Statements} of each response, JPA and plain JDBC alike.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadPathStatementsIT {

  /** Upper bounds per path; the measured counts are in docs/performance.md ("Statements per read"). */
  static final int MAX_OVERVIEW = 20;
  static final int MAX_PROFILE = 8;
  static final int MAX_TIMELINE = 4;
  static final int MAX_SEGMENT_MEMBERS = 6;

  private static final int FEW = 2;
  private static final int MANY = 40;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void overviewProfileAndTimelineCostTheSameForFewAndManyRecords() {
    List<String> attributes = IntStream.range(0, 10).mapToObj(i -> "np" + run + "a" + i).toList();
    attributes.forEach(key -> assertThat(sendJson(ADMIN, "PUT", "/crm/api/customer-attributes/" + key,
        "{\"type\":\"STRING\"}").statusCode()).isEqualTo(200));
    long few = customerWith(FEW, attributes.subList(0, FEW));
    long many = customerWith(MANY, attributes);

    // the data is really there: the many-customer's reads return many rows
    JsonObject overview = json(get(AGENT, "/crm/api/customers/" + many + "/overview?recent=" + MANY));
    assertThat(overview.getJsonArray("recentInteractions")).hasSize(MANY);
    assertThat(overview.getJsonArray("recentPurchases")).hasSize(MANY);
    assertThat(overview.getJsonArray("openFollowUps")).hasSizeGreaterThanOrEqualTo(MANY);
    assertThat(overview.getJsonArray("openConversations")).hasSizeGreaterThan(1);
    assertThat(overview.getJsonArray("segments")).hasSize(1);
    JsonObject profile = json(get(AGENT, "/crm/api/customers/" + many));
    assertThat(profile.getJsonArray("identities")).hasSize(MANY / 2);
    assertThat(profile.getJsonObject("attributes")).hasSize(attributes.size());
    assertThat(json(get(AGENT, "/crm/api/customers/" + many + "/timeline?limit=" + MANY)).getJsonArray("items"))
        .hasSize(MANY);

    assertSameCost("overview", "/crm/api/customers/%d/overview?recent=" + MANY, few, many, MAX_OVERVIEW);
    assertSameCost("profile", "/crm/api/customers/%d", few, many, MAX_PROFILE);
    assertSameCost("timeline page", "/crm/api/customers/%d/timeline?limit=" + MANY, few, many, MAX_TIMELINE);
    assertSameCost("filtered timeline page", "/crm/api/customers/%d/timeline?channel=EMAIL&type=INQUIRY&limit="
        + MANY, few, many, MAX_TIMELINE);
  }

  @Test
  void segmentMembersPageCostsTheSameForFiveAndAHundredMembers() {
    String small = segmentWith(5);
    String large = segmentWith(100);
    assertThat(json(get(AGENT, "/crm/api/segments/" + large + "/members?limit=100")).getJsonArray("items"))
        .hasSize(100);

    long five = statements("/crm/api/segments/" + small + "/members?limit=100");
    long hundred = statements("/crm/api/segments/" + large + "/members?limit=100");
    long secondPage = statements("/crm/api/segments/" + large + "/members?limit=30&after=0");
    report("segment members page", five, hundred);
    assertThat(hundred).as("statements of a page of 100 members vs 5").isEqualTo(five).isEqualTo(secondPage);
    assertThat(hundred).isLessThanOrEqualTo(MAX_SEGMENT_MEMBERS);
  }

  @Test
  void countsAreReportedAsServerTimingAndAsAMetricPerOperation() {
    long customer = customerWith(1, List.of());
    HttpResponse<String> response = get(AGENT, "/crm/api/customers/" + customer + "/timeline");
    long statements = Long.parseLong(response.headers().firstValue("X-Crm-Sql-Statements").orElseThrow());
    assertThat(statements).isPositive();
    assertThat(response.headers().allValues("Server-Timing"))
        .contains("sql;desc=\"" + statements + " statements\"");
    // a failed request is counted too
    HttpResponse<String> missing = get(AGENT, "/crm/api/customers/987654321/timeline");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("X-Crm-Sql-Statements")).isPresent();

    String metrics = TestServer.send(TestServer.request("/metrics?scope=application")
        .version(HttpClient.Version.HTTP_1_1).GET()).body();
    assertThat(metrics.lines().filter(l -> l.startsWith("crm_sql_statements_per_request_count{")
        && l.contains("operation=\"CustomerResource.timeline\""))).isNotEmpty();
  }

  // ---- cost

  private void assertSameCost(String what, String pathFormat, long few, long many, int bound) {
    long small = statements(pathFormat.formatted(few));
    long large = statements(pathFormat.formatted(many));
    report(what, small, large);
    assertThat(large).as("statements of the %s with %d vs %d records", what, MANY, FEW).isEqualTo(small);
    assertThat(large).as("statements of the %s", what).isLessThanOrEqualTo(bound);
  }

  /** The statements of a GET, the second time (the first may warm per-server state up). */
  private static long statements(String path) {
    get(AGENT, path);
    HttpResponse<String> response = get(AGENT, path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Long.parseLong(response.headers().firstValue("X-Crm-Sql-Statements").orElseThrow(
        () -> new AssertionError("no X-Crm-Sql-Statements: is crm.diagnostics.sql-statements on?")));
  }

  private static void report(String what, long small, long large) {
    System.out.printf("ReadPathStatementsIT [%s] %s: %d statements (few), %d (many)%n", TestServer.database(), what,
        small, large);
  }

  // ---- data

  /**
   * A customer with {@code n} touchpoints (with attributes; inquiries five days apart, each opening a conversation),
   * purchases (two lines each), follow-ups, {@code n/2} identities and consent decisions, the given profile
   * attributes and {@code n} tags, and one segment membership.
   */
  private long customerWith(int n, List<String> attributes) {
    String tag = "c" + n + "-" + UUID.randomUUID().toString().substring(0, 6);
    String identities = IntStream.range(0, Math.max(1, n / 2))
        .mapToObj(i -> "{\"system\":\"NP%d\",\"externalId\":\"%s-%s\"}".formatted(i, tag, run))
        .collect(Collectors.joining(","));
    String tags = IntStream.range(0, n).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
    String attributeValues = attributes.stream().map(key -> "\"" + key + "\":\"v\"").collect(Collectors.joining(","));
    HttpResponse<String> registered = postJson(INTEGRATION, "/crm/api/customers", """
        {"email":"%s.%s@example.com","givenName":"Nora","identities":[%s],"tags":[%s],"attributes":{%s}}"""
        .formatted(tag, run, identities, tags, attributeValues));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    long id = json(registered).getJsonNumber("id").longValue();

    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    String touchpoints = IntStream.range(0, n).mapToObj(i -> """
        {"customerId":%d,"channel":"EMAIL","type":"INQUIRY","direction":"INBOUND","occurredAt":"%s",
         "subject":"Question %d","attributes":{"order":"o%d","topic":"delivery"},"sourceSystem":"np",
         "sourceEventId":"%s-%d-%s"}""".formatted(id, start.plus(5L * i, ChronoUnit.DAYS), i, i, tag, i, run))
        .collect(Collectors.joining(",", "[", "]"));
    assertThat(jsonArray(postJson(INTEGRATION, "/crm/api/interactions/batch", touchpoints))).hasSize(n);

    String purchases = IntStream.range(0, n).mapToObj(i -> """
        {"customerId":%d,"sourceSystem":"shop","orderId":"%s-%d-%s","status":"PAID","currency":"EUR",
         "placedAt":"%s","sourceUpdatedAt":"%s",
         "lines":[{"sku":"S1","name":"Mug","quantity":2,"unitPrice":12.5},
                  {"sku":"S2","name":"Tea","quantity":1,"unitPrice":4}]}"""
        .formatted(id, tag, i, run, start.plus(i, ChronoUnit.DAYS), start.plus(i, ChronoUnit.DAYS)))
        .collect(Collectors.joining(",", "[", "]"));
    HttpResponse<String> recorded = postJson(INTEGRATION, "/crm/api/purchases/batch", purchases);
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
    for (int i = 0; i < n; i++) {
      HttpResponse<String> followUp = postJson(AGENT, "/crm/api/follow-ups",
          "{\"customerId\":%d,\"title\":\"Call %d\",\"dueAt\":\"%s\"}".formatted(id, i, start.plus(i, ChronoUnit.DAYS)));
      assertThat(followUp.statusCode()).as(followUp.body()).isEqualTo(201);
    }
    for (int i = 0; i < Math.max(1, n / 2); i++) {
      HttpResponse<String> consent = postJson(INTEGRATION, "/crm/api/customers/" + id + "/consents", """
          {"channel":"EMAIL","purpose":"MARKETING","status":"%s","source":"np","decidedAt":"%s"}"""
          .formatted(i % 2 == 0 ? "GRANTED" : "WITHDRAWN", start.plus(i, ChronoUnit.HOURS)));
      assertThat(consent.statusCode()).as(consent.body()).isIn(200, 201);
    }
    String segment = "np-" + tag + "-" + run;
    assertThat(postJson(ADMIN, "/crm/api/segments", "{\"key\":\"%s\",\"name\":\"N+1 %s\",\"kind\":\"STATIC\"}"
        .formatted(segment, tag)).statusCode()).isEqualTo(201);
    addMembers(segment, List.of(id));
    return id;
  }

  /** A static segment with {@code size} new customers as members. */
  private String segmentWith(int size) {
    String key = "np-members-" + size + "-" + run;
    List<Long> ids = new ArrayList<>();
    for (int from = 0; from < size; from += 50) {
      String batch = IntStream.range(from, Math.min(size, from + 50))
          .mapToObj(i -> "{\"email\":\"m%d.%d.%s@example.com\",\"givenName\":\"M%d\",\"tags\":[\"a\",\"b\"]}"
              .formatted(size, i, run, i))
          .collect(Collectors.joining(",", "[", "]"));
      HttpResponse<String> registered = postJson(INTEGRATION, "/crm/api/customers/batch", batch);
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
      jsonArray(registered).getValuesAs(JsonObject.class)
          .forEach(r -> ids.add(r.getJsonObject("profile").getJsonNumber("id").longValue()));
    }
    assertThat(postJson(ADMIN, "/crm/api/segments", "{\"key\":\"%s\",\"name\":\"Members %d\",\"kind\":\"STATIC\"}"
        .formatted(key, size)).statusCode()).isEqualTo(201);
    addMembers(key, ids);
    return key;
  }

  // ---- HTTP/1.1 (a body on an h2c upgrade request fails on Liberty: see docs/testing.md)

  private static HttpResponse<String> get(String user, String path) {
    return TestServer.send(TestServer.requestAs(user, path).version(HttpClient.Version.HTTP_1_1).GET());
  }

  private static HttpResponse<String> postJson(String user, String path, String body) {
    return sendJson(user, "POST", path, body);
  }

  private static HttpResponse<String> sendJson(String user, String method, String path, String body) {
    return TestServer.send(TestServer.requestAs(user, path).version(HttpClient.Version.HTTP_1_1)
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  private static void addMembers(String segment, List<Long> ids) {
    HttpResponse<String> added = postJson(ADMIN, "/crm/api/segments/" + segment + "/members",
        "{\"customerIds\":" + ids + "}");
    assertThat(added.statusCode()).as(added.body()).isIn(200, 201);
  }
}

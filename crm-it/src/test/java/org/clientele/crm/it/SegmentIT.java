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
import static org.clientele.crm.it.support.TestServer.sendJson;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.clientele.crm.it.hosterp.HostErpSegmentServlet;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestTokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segments through the REST API against the real database: dynamic segments over profiles and purchases
 * recorded through the API, their recompute on rule changes and after a purchase, membership history, rule
 * validation with paths, static segments with CSV import, previews and member counts, conditional changes, and
 * one in-process call through the local EJB view. Every test tags its customers with its own run id and
 * scopes its rules to that tag, as the suite shares one database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SegmentIT {

  private static final String SEGMENTS = "/crm/api/segments";

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String tag = "seg-" + run;

  @Deployment(name = "clientele", order = 1, testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  /** A host application that calls the segmentation service in-process (see HostErpIT). */
  @Deployment(name = "host-erp-segments", order = 2, testable = false)
  static WebArchive hostErp() {
    return ShrinkWrap.create(WebArchive.class, "host-erp-segments.war").addClass(HostErpSegmentServlet.class);
  }

  @Test
  void aDynamicSegmentHasExactlyTheCustomersItsRuleSelectsAndFollowsRuleChanges() {
    long frequentDe = customer("DE");
    purchase(frequentDe, daysAgo(3));
    purchase(frequentDe, daysAgo(10));
    long onceRecentlyDe = customer("DE");
    purchase(onceRecentlyDe, daysAgo(2));
    purchase(onceRecentlyDe, daysAgo(60));
    long frequentAt = customer("AT");
    purchase(frequentAt, daysAgo(1));
    purchase(frequentAt, daysAgo(20));
    long cancelledDe = customer("DE");
    purchase(cancelledDe, daysAgo(4));
    purchase(cancelledDe, daysAgo(5), "CANCELLED");
    customer("DE");
    String key = "frequent-buyers-" + run;

    HttpResponse<String> defined = postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC",
        rule("{\"field\":\"country\",\"op\":\"eq\",\"value\":\"DE\"}", twiceIn30Days())));

    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    assertThat(defined.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(SEGMENTS + "/" + key));
    JsonObject segment = json(defined);
    assertThat(segment.getString("kind")).isEqualTo("DYNAMIC");
    assertThat(segment.getJsonNumber("memberCount").longValue()).isEqualTo(1);
    assertThat(segment.getString("evaluatedAt")).isNotBlank();
    String etag = defined.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isEqualTo("\"" + segment.getJsonNumber("version").longValue() + "\"");
    assertThat(memberIds(key)).as("DE and two counted purchases in 30 days").containsExactly(frequentDe);
    HttpResponse<String> read = get(AGENT, SEGMENTS + "/" + key);
    assertThat(read.headers().firstValue("ETag")).contains(etag);
    assertThat(json(read).getJsonObject("rule").getJsonArray("all")).hasSize(3);
    assertThat(jsonArray(get(AGENT, SEGMENTS)).getValuesAs(JsonObject.class)).extracting(s -> s.getString("key"))
        .contains(key);

    HttpResponse<String> widened = sendJson(ADMIN, "PUT", SEGMENTS + "/" + key, change("DE or AT",
        rule("{\"field\":\"country\",\"op\":\"in\",\"value\":[\"DE\",\"AT\"]}", twiceIn30Days())), etag);
    assertThat(widened.statusCode()).as(widened.body()).isEqualTo(200);
    String widenedTag = widened.headers().firstValue("ETag").orElseThrow();
    assertThat(widenedTag).isNotEqualTo(etag);
    assertThat(json(widened).getJsonNumber("memberCount").longValue()).isEqualTo(2);
    assertThat(memberIds(key)).containsExactly(frequentDe, frequentAt);

    HttpResponse<String> narrowed = sendJson(ADMIN, "PUT", SEGMENTS + "/" + key, change("AT only",
        rule("{\"field\":\"country\",\"op\":\"eq\",\"value\":\"AT\"}", twiceIn30Days())), null);
    assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
    assertThat(memberIds(key)).containsExactly(frequentAt);

    List<JsonObject> history = memberships(frequentDe, true, key);
    assertThat(history).as("one closed period").hasSize(1);
    assertThat(history.get(0).getString("segmentName")).isEqualTo("AT only");
    Instant entered = Instant.parse(history.get(0).getString("enteredAt"));
    Instant left = Instant.parse(history.get(0).getString("leftAt"));
    assertThat(left).isAfter(entered);
    assertThat(memberships(frequentDe, false, key)).as("no longer current").isEmpty();
    List<JsonObject> current = memberships(frequentAt, false, key);
    assertThat(current).hasSize(1);
    assertThat(current.get(0).containsKey("leftAt")).isFalse();

    HttpResponse<String> evaluated = postJson(INTEGRATION, SEGMENTS + "/" + key + "/evaluation", "");
    assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
    JsonObject evaluation = json(evaluated);
    assertThat(evaluation.getString("key")).isEqualTo(key);
    assertThat(evaluation.getJsonNumber("entered").longValue()).isZero();
    assertThat(evaluation.getJsonNumber("exited").longValue()).isZero();
    assertThat(evaluation.getJsonNumber("members").longValue()).isEqualTo(1);

    HttpResponse<String> all = postJson(ADMIN, SEGMENTS + "/evaluation", "");
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    assertThat(jsonArray(all).getValuesAs(JsonObject.class)).filteredOn(e -> e.getString("key").equals(key))
        .singleElement().satisfies(e -> assertThat(e.getJsonNumber("members").longValue()).isEqualTo(1));
    assertProblem(postJson(INTEGRATION, SEGMENTS + "/evaluation", ""), 403, "forbidden");
  }

  @Test
  void aPurchaseRecordedForANonMemberMakesThemAMemberWithinSeconds() {
    long buyer = customer("DE");
    purchase(buyer, daysAgo(6));
    long member = customer("DE");
    purchase(member, daysAgo(1));
    purchase(member, daysAgo(2));
    String key = "incremental-" + run;
    assertThat(postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC", rule(twiceIn30Days()))).statusCode())
        .isEqualTo(201);
    assertThat(memberIds(key)).containsExactly(member);
    assertProblem(get(AGENT, SEGMENTS + "/" + key + "/members/" + buyer), 404, "not-found");

    purchase(buyer, daysAgo(0));

    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
        .until(() -> get(AGENT, SEGMENTS + "/" + key + "/members/" + buyer).statusCode() == 200);
    JsonObject status = json(get(AGENT, SEGMENTS + "/" + key + "/members/" + buyer));
    assertThat(status.getBoolean("member")).isTrue();
    assertThat(memberIds(key)).containsExactly(buyer, member);
    assertThat(memberships(buyer, false, key)).hasSize(1);
  }

  @Test
  void invalidRulesAreRejectedWithThePathOfEveryProblem() {
    String key = "invalid-" + run;
    String badOperator = rule("{\"field\":\"country\",\"op\":\"gt\",\"value\":\"DE\"}");

    JsonObject problem = assertProblem(postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC", badOperator)), 400,
        "invalid-input");
    assertThat(fields(problem)).containsExactly("rule.all[1].op");
    JsonObject unknownField = assertProblem(postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC",
        rule("{\"field\":\"shoeSize\",\"op\":\"eq\",\"value\":\"42\"}"))), 400, "invalid-input");
    assertThat(fields(unknownField)).containsExactly("rule.all[1].field");
    JsonObject misspelt = assertProblem(postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC", rule(
        "{\"behaviour\":{\"of\":\"purchases\",\"measure\":\"count\",\"withinLastDay\":30,\"op\":\"gte\",\"value\":2}}"))),
        400, "invalid-input");
    assertThat(fields(misspelt)).as("an unknown member would silently widen the window")
        .containsExactly("rule.all[1].behaviour.withinLastDay");
    assertThat(fields(assertProblem(postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC", null)), 400,
        "invalid-input"))).as("a dynamic segment needs a rule").isNotEmpty();
    assertProblem(get(AGENT, SEGMENTS + "/" + key), 404, "not-found");

    JsonObject checked = json(postJson(AGENT, SEGMENTS + "/validation", badOperator));
    assertThat(checked.getBoolean("valid")).isFalse();
    assertThat(checked.getJsonArray("violations").getValuesAs(JsonObject.class))
        .extracting(v -> v.getString("field")).containsExactly("rule.all[1].op");
    JsonObject fine = json(postJson(AGENT, SEGMENTS + "/validation", rule(twiceIn30Days())));
    assertThat(fine.getBoolean("valid")).as(fine.toString()).isTrue();
    assertThat(fine.getJsonArray("violations")).isEmpty();
    assertProblem(postJson(AGENT, SEGMENTS + "/validation", "{\"all\": ["), 400, "malformed-request");
  }

  @Test
  void segmentsMayReferToEachOtherButNotInACycleNorBeDeletedWhileReferenced() {
    customer("DE");
    String base = "base-" + run;
    String derived = "derived-" + run;
    assertThat(postJson(ADMIN, SEGMENTS, definition(base, "DYNAMIC", rule())).statusCode()).isEqualTo(201);
    HttpResponse<String> referring = postJson(ADMIN, SEGMENTS, definition(derived, "DYNAMIC",
        rule("{\"segment\":\"" + base + "\"}")));
    assertThat(referring.statusCode()).as(referring.body()).isEqualTo(201);
    assertThat(json(referring).getJsonNumber("memberCount").longValue()).isEqualTo(1);

    JsonObject cycle = assertProblem(sendJson(ADMIN, "PUT", SEGMENTS + "/" + base, change("base",
        rule("{\"segment\":\"" + derived + "\"}")), null), 400, "invalid-input");
    assertThat(fields(cycle)).containsExactly("rule.all[1].segment");
    JsonObject cycleChecked = json(postJson(AGENT, SEGMENTS + "/validation?key=" + base,
        rule("{\"segment\":\"" + derived + "\"}")));
    assertThat(cycleChecked.getBoolean("valid")).isFalse();
    JsonObject self = json(postJson(AGENT, SEGMENTS + "/validation?key=" + base, "{\"segment\":\"" + base + "\"}"));
    assertThat(self.getBoolean("valid")).isFalse();
    assertThat(self.getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("rule.segment");

    assertProblem(send(requestAs(ADMIN, SEGMENTS + "/" + base).DELETE()), 409, "conflict");
    assertThat(get(AGENT, SEGMENTS + "/" + base).statusCode()).isEqualTo(200);
    assertThat(send(requestAs(ADMIN, SEGMENTS + "/" + derived).DELETE()).statusCode()).isEqualTo(204);
    assertThat(send(requestAs(ADMIN, SEGMENTS + "/" + base).DELETE()).statusCode()).isEqualTo(204);
    assertProblem(get(AGENT, SEGMENTS + "/" + base), 404, "not-found");
  }

  @Test
  void keysAreUniqueAndChangesWithAStaleIfMatchFail() {
    String key = "conditional-" + run;
    HttpResponse<String> defined = postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC", rule()));
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    String first = defined.headers().firstValue("ETag").orElseThrow();

    assertProblem(postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC", rule())), 409, "conflict");
    assertThat(fields(assertProblem(postJson(ADMIN, SEGMENTS, definition("preview", "STATIC", null)), 400,
        "invalid-input"))).containsExactly("key");

    HttpResponse<String> changed = sendJson(ADMIN, "PUT", SEGMENTS + "/" + key, change("renamed", rule()), first);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    String second = changed.headers().firstValue("ETag").orElseThrow();
    assertProblem(sendJson(ADMIN, "PUT", SEGMENTS + "/" + key, change("again", rule()), first), 412,
        "precondition-failed");
    assertProblem(sendJson(ADMIN, "PUT", SEGMENTS + "/" + key, change("again", rule()), "\"not-ours\""), 412,
        "precondition-failed");
    assertThat(json(get(AGENT, SEGMENTS + "/" + key)).getString("name")).isEqualTo("renamed");
    assertProblem(send(requestAs(ADMIN, SEGMENTS + "/" + key).header("If-Match", first).DELETE()), 412,
        "precondition-failed");
    assertProblem(send(requestAs(AGENT, SEGMENTS + "/" + key).DELETE()), 403, "forbidden");
    assertThat(send(requestAs(ADMIN, SEGMENTS + "/" + key).header("If-Match", second).DELETE()).statusCode())
        .isEqualTo(204);

    String unknown = SEGMENTS + "/unknown-" + run;
    assertProblem(get(AGENT, unknown), 404, "not-found");
    assertProblem(get(AGENT, unknown + "/members"), 404, "not-found");
    assertProblem(get(AGENT, unknown + "/members/1"), 404, "not-found");
    assertProblem(get(AGENT, unknown + "/member-counts"), 404, "not-found");
    assertProblem(postJson(INTEGRATION, unknown + "/evaluation", ""), 404, "not-found");
    assertProblem(sendJson(ADMIN, "PUT", unknown, change("x", rule()), null), 404, "not-found");
    assertProblem(send(requestAs(ADMIN, unknown).DELETE()), 404, "not-found");
  }

  @Test
  void aStaticSegmentsMembersAreAddedRemovedAndImported() {
    long a = customer("DE");
    long b = customer("DE");
    long c = customer("FR");
    long d = customer("FR");
    long e = customer("FR");
    long f = customer("IT");
    String key = "static-" + run;
    HttpResponse<String> defined = postJson(INTEGRATION, SEGMENTS, definition(key, "STATIC", null));
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    assertThat(json(defined).getJsonNumber("memberCount").longValue()).isZero();
    assertThat(json(defined).containsKey("rule")).isFalse();
    String members = SEGMENTS + "/" + key + "/members";

    HttpResponse<String> added = send(requestAs(AGENT, members + "/" + a).PUT(HttpRequest.BodyPublishers.noBody()));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(json(added).getBoolean("member")).isTrue();
    assertThat(send(requestAs(AGENT, members + "/" + a).PUT(HttpRequest.BodyPublishers.noBody())).statusCode())
        .as("already a member").isEqualTo(200);
    assertThat(json(get(AGENT, members + "/" + a)).getBoolean("member")).isTrue();
    assertProblem(get(AGENT, members + "/" + b), 404, "not-found");
    HttpResponse<String> bulk = postJson(INTEGRATION, members, "{\"customerIds\":[%d,%d,%d]}".formatted(a, b, c));
    assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
    assertThat(longs(json(bulk), "entered")).containsExactlyInAnyOrder(b, c);
    assertThat(send(requestAs(AGENT, members + "/" + a).DELETE()).statusCode()).isEqualTo(204);
    assertProblem(get(AGENT, members + "/" + a), 404, "not-found");
    assertThat(memberIds(key)).containsExactly(b, c);

    String unknownEmail = "nobody." + run + "@example.com";
    JsonObject byEmail = importCsv(key, false, "email\n%s\n%s\n%s\n".formatted(email(b), email(d), unknownEmail));
    assertThat(byEmail.getInt("rows")).isEqualTo(3);
    assertThat(byEmail.getJsonNumber("entered").longValue()).isEqualTo(1);
    assertThat(byEmail.getJsonNumber("alreadyMembers").longValue()).isEqualTo(1);
    assertThat(byEmail.getJsonNumber("exited").longValue()).isZero();
    assertThat(byEmail.getJsonArray("unmatched").getValuesAs(JsonObject.class))
        .extracting(u -> u.getInt("line")).containsExactly(4);
    assertThat(memberIds(key)).containsExactly(b, c, d);

    JsonObject byIdentity = importCsv(key, false, "system,externalId\nERP,%s\nERP,missing-%s\n".formatted(erpId(e), run));
    assertThat(byIdentity.getInt("rows")).isEqualTo(2);
    assertThat(byIdentity.getJsonNumber("entered").longValue()).isEqualTo(1);
    assertThat(byIdentity.getJsonArray("unmatched").getValuesAs(JsonObject.class))
        .extracting(u -> u.getInt("line")).containsExactly(3);
    assertThat(memberIds(key)).containsExactly(b, c, d, e);

    assertThat(fields(assertProblem(importCsvResponse(key, "false", "email\n%s\n\"%s\n".formatted(email(a), email(f))),
        400, "invalid-input"))).as("an unclosed quote").containsExactly("csv.line[3]");
    assertThat(fields(assertProblem(importCsvResponse(key, "false", "givenName,city\nAnna,Köln\n"), 400,
        "invalid-input"))).as("no identifying column").containsExactly("csv.line[1]");
    assertThat(memberIds(key)).as("a malformed file changes nothing").containsExactly(b, c, d, e);

    JsonObject replaced = importCsv(key, true, "customerId\n%d\n%d\n".formatted(c, f));
    assertThat(replaced.getJsonNumber("entered").longValue()).isEqualTo(1);
    assertThat(replaced.getJsonNumber("alreadyMembers").longValue()).isEqualTo(1);
    assertThat(replaced.getJsonNumber("exited").longValue()).isEqualTo(3);
    assertThat(memberIds(key)).containsExactly(c, f);
    assertThat(memberships(b, true, key)).as("the replaced member's closed period").hasSize(1)
        .allSatisfy(m -> assertThat(m.getString("leftAt")).isNotBlank());

    assertThat(fields(assertProblem(importCsvResponse(key, "maybe", "customerId\n" + c + "\n"), 400,
        "invalid-input"))).containsExactly("replace");
    assertProblem(send(requestAs(INTEGRATION, members + "/import").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "unsupported-media-type");
    String dynamic = "not-static-" + run;
    postJson(ADMIN, SEGMENTS, definition(dynamic, "DYNAMIC", rule()));
    assertProblem(send(requestAs(AGENT, SEGMENTS + "/" + dynamic + "/members/" + a)
        .PUT(HttpRequest.BodyPublishers.noBody())), 400, "invalid-input");
  }

  @Test
  void aPreviewCountsAndSamplesWithoutStoring() {
    long first = customer("NL");
    long second = customer("NL");
    customer("NL");
    customer("BE");
    String rule = rule("{\"field\":\"country\",\"op\":\"eq\",\"value\":\"NL\"}");

    HttpResponse<String> response = postJson(AGENT, SEGMENTS + "/preview?sample=2", rule);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject preview = json(response);
    assertThat(preview.getJsonNumber("count").longValue()).isEqualTo(3);
    assertThat(preview.getJsonArray("sample").getValuesAs(JsonObject.class))
        .extracting(s -> s.getJsonNumber("id").longValue()).containsExactly(first, second);
    assertThat(preview.getString("asOf")).isNotBlank();
    assertThat(json(postJson(AGENT, SEGMENTS + "/preview", rule)).getJsonArray("sample")).as("default 10").hasSize(3);
    assertThat(fields(assertProblem(postJson(AGENT, SEGMENTS + "/preview?sample=101", rule), 400, "invalid-input")))
        .containsExactly("sample");
    assertThat(fields(assertProblem(postJson(AGENT, SEGMENTS + "/preview",
        rule("{\"field\":\"country\",\"op\":\"gt\",\"value\":\"NL\"}")), 400, "invalid-input")))
        .containsExactly("rule.all[1].op");
  }

  @Test
  void membersArePagedAndCountedOverTime() {
    long one = customer("ES");
    long two = customer("ES");
    long three = customer("ES");
    String key = "paged-" + run;
    JsonObject segment = json(postJson(ADMIN, SEGMENTS, definition(key, "DYNAMIC", rule())));
    assertThat(segment.getJsonNumber("memberCount").longValue()).isEqualTo(3);
    String members = SEGMENTS + "/" + key + "/members";

    JsonObject page1 = json(get(AGENT, members + "?limit=2"));
    assertThat(ids(page1)).containsExactly(one, two);
    assertThat(page1.getJsonNumber("total").longValue()).isEqualTo(3);
    assertThat(page1.getJsonArray("items").getJsonObject(0).getString("enteredAt")).isNotBlank();
    JsonObject page2 = json(get(AGENT, members + "?limit=2&after=" + page1.getJsonNumber("nextAfter")));
    assertThat(ids(page2)).containsExactly(three);
    assertThat(page2.containsKey("nextAfter")).isFalse();

    List<JsonObject> counts = jsonArray(get(AGENT, SEGMENTS + "/" + key + "/member-counts"))
        .getValuesAs(JsonObject.class);
    assertThat(counts).as("default: 31 points over 30 days").hasSize(31);
    assertThat(counts.get(0).getJsonNumber("members").longValue()).isZero();
    assertThat(counts.get(30).getJsonNumber("members").longValue()).isEqualTo(3);
    // whole seconds, and after the members entered (which may be within this second)
    Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Instant from = to.minus(1, ChronoUnit.HOURS);
    List<JsonObject> explicit = jsonArray(get(AGENT, SEGMENTS + "/" + key + "/member-counts?from=" + from + "&to=" + to
        + "&points=5")).getValuesAs(JsonObject.class);
    assertThat(explicit).hasSize(5);
    assertThat(Instant.parse(explicit.get(0).getString("at"))).isEqualTo(from);
    assertThat(Instant.parse(explicit.get(4).getString("at"))).isEqualTo(to);
    assertThat(explicit.get(4).getJsonNumber("members").longValue())
        .isEqualTo(json(get(AGENT, SEGMENTS + "/" + key)).getJsonNumber("memberCount").longValue());

    assertThat(fields(assertProblem(get(AGENT, members + "?limit=0"), 400, "invalid-input"))).containsExactly("limit");
    assertThat(fields(assertProblem(get(AGENT, members + "?limit=1001"), 400, "invalid-input"))).containsExactly("limit");
    assertThat(fields(assertProblem(get(AGENT, members + "?limit=ten&after=x"), 400, "invalid-input")))
        .containsExactlyInAnyOrder("limit", "after");
    String counted = SEGMENTS + "/" + key + "/member-counts";
    assertThat(fields(assertProblem(get(AGENT, counted + "?from=yesterday"), 400, "invalid-input")))
        .containsExactly("from");
    assertThat(fields(assertProblem(get(AGENT, counted + "?to=2026-13-01T00:00:00Z"), 400, "invalid-input")))
        .containsExactly("to");
    assertThat(fields(assertProblem(get(AGENT, counted + "?points=1"), 400, "invalid-input"))).containsExactly("points");
    assertThat(fields(assertProblem(get(AGENT, counted + "?points=501"), 400, "invalid-input"))).containsExactly("points");
    assertThat(fields(assertProblem(get(AGENT, counted + "?from=" + to + "&to=" + from), 400, "invalid-input")))
        .containsExactly("from");
    assertThat(fields(assertProblem(get(AGENT, "/crm/api/customers/" + one + "/segments?history=maybe"), 400,
        "invalid-input"))).containsExactly("history");
  }

  @Test
  void rolesComeFromTheTokensGroups() {
    String key = "token-" + run;
    HttpResponse<String> asIntegration = postWithToken("crm-integration", SEGMENTS,
        definition(key, "STATIC", null));
    assertThat(asIntegration.statusCode()).as(asIntegration.body()).isEqualTo(201);
    assertProblem(postWithToken("crm-agent", SEGMENTS, definition("agent-" + run, "STATIC", null)), 403,
        "forbidden");
    HttpResponse<String> read = send(request(SEGMENTS + "/" + key)
        .header("Authorization", "Bearer " + TestTokens.token("agent-1", 300, "crm-agent")).GET());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
  }

  @Test
  void aHostApplicationEditsAStaticSegmentInProcess() {
    long customer = customer("DE");
    String key = "host-" + run;
    assertThat(postJson(ADMIN, SEGMENTS, definition(key, "STATIC", null)).statusCode()).isEqualTo(201);

    HttpResponse<String> response = send(request("/host-erp-segments/segment-members?key=" + key + "&customerId="
        + customer).POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject fromHost = json(response);
    assertThat(longs(fromHost, "entered")).containsExactly(customer);
    assertThat(fromHost.getBoolean("member")).isTrue();
    assertThat(fromHost.getJsonNumber("memberCount").longValue()).isEqualTo(1);
    assertThat(fromHost.getJsonArray("segments").getString(0)).isEqualTo(key);
    assertThat(fromHost.getBoolean("unknownKeyNotFound")).as("CRM exceptions reach the host unwrapped").isTrue();
    assertThat(memberIds(key)).containsExactly(customer);
  }

  @Test
  void theOpenApiDocumentDescribesTheSegmentEndpointsAndBodies() {
    JsonObject document = json(send(request("/openapi").header("Accept", "application/json").GET()));

    assertThat(document.getJsonObject("paths").keySet()).contains("/api/segments", "/api/segments/{key}",
        "/api/segments/validation", "/api/segments/preview", "/api/segments/{key}/members/import",
        "/api/segments/{key}/member-counts", "/api/customers/{id}/segments");
    assertThat(document.getJsonObject("paths").getJsonObject("/api/segments").getJsonObject("post")
        .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
        .getJsonObject("schema").getString("$ref")).endsWith("/SegmentDefinition");
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    assertThat(schemas.getJsonObject("SegmentDefinition").getJsonObject("properties").keySet())
        .contains("key", "kind", "rule");
    assertThat(schemas.getJsonObject("MemberImportResult").getJsonObject("properties").keySet())
        .contains("rows", "entered", "unmatched");
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  /** A customer of this run (tagged, with an email and an ERP identity derived from the id order). */
  private long customer(String country) {
    String local = UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers", """
        {"identities":[{"system":"ERP","externalId":"%3$s-%1$s"}],"email":"%1$s.%3$s@example.com",
         "address":{"country":"%2$s"},"tags":["%4$s"]}""".formatted(local, country, run, tag));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).getJsonNumber("id").longValue();
  }

  private String email(long customer) {
    return json(get(AGENT, "/crm/api/customers/" + customer)).getString("email");
  }

  private String erpId(long customer) {
    return json(get(AGENT, "/crm/api/customers/" + customer)).getJsonArray("identities").getValuesAs(JsonObject.class)
        .stream().filter(i -> i.getString("system").equals("ERP")).findFirst().orElseThrow().getString("externalId");
  }

  /** A paid purchase of 20 EUR placed at the given time, recorded through the API. */
  private static void purchase(long customer, Instant placedAt) {
    purchase(customer, placedAt, "PAID");
  }

  private static void purchase(long customer, Instant placedAt, String status) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/purchases", """
        {"customerId":%d,"sourceSystem":"shop","orderId":"SEG-%s","status":"%s","currency":"EUR",
         "placedAt":"%s","sourceUpdatedAt":"%s","lines":[{"sku":"S-1","quantity":1,"unitPrice":20.00}]}"""
        .formatted(customer, UUID.randomUUID(), status, placedAt, placedAt));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static Instant daysAgo(int days) {
    return Instant.now().minus(days, ChronoUnit.DAYS).minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
  }

  private static String twiceIn30Days() {
    return "{\"behaviour\":{\"of\":\"purchases\",\"measure\":\"count\",\"withinLastDays\":30,\"op\":\"gte\",\"value\":2}}";
  }

  /** All of: this run's tag, then the given conditions (so the first of them is {@code rule.all[1]}). */
  private String rule(String... conditions) {
    StringBuilder rule = new StringBuilder("{\"all\":[{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"")
        .append(tag).append("\"}");
    for (String condition : conditions) {
      rule.append(',').append(condition);
    }
    return rule.append("]}").toString();
  }

  private static String definition(String key, String kind, String rule) {
    return "{\"key\":\"%s\",\"name\":\"Segment %s\",\"description\":\"made by SegmentIT\",\"kind\":\"%s\"%s}"
        .formatted(key, key, kind, rule == null ? "" : ",\"rule\":" + rule);
  }

  private static String change(String name, String rule) {
    return "{\"name\":\"%s\",\"rule\":%s}".formatted(name, rule);
  }

  private static List<Long> memberIds(String key) {
    HttpResponse<String> response = get(AGENT, SEGMENTS + "/" + key + "/members?limit=1000");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ids(json(response));
  }

  private static List<Long> ids(JsonObject page) {
    return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(m -> m.getJsonObject("customer").getJsonNumber("id").longValue()).toList();
  }

  /** The customer's membership periods of one segment. */
  private static List<JsonObject> memberships(long customer, boolean history, String key) {
    HttpResponse<String> response = get(AGENT, "/crm/api/customers/" + customer + "/segments?history=" + history);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return jsonArray(response).getValuesAs(JsonObject.class).stream()
        .filter(m -> m.getString("segmentKey").equals(key)).toList();
  }

  private static JsonObject importCsv(String key, boolean replace, String csv) {
    HttpResponse<String> response = importCsvResponse(key, Boolean.toString(replace), csv);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static HttpResponse<String> importCsvResponse(String key, String replace, String csv) {
    return send(requestAs(INTEGRATION, SEGMENTS + "/" + key + "/members/import?replace=" + replace)
        .header("Content-Type", "text/csv; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(csv)));
  }

  private static List<Long> longs(JsonObject object, String member) {
    List<Long> values = new ArrayList<>();
    object.getJsonArray(member).getValuesAs(jakarta.json.JsonNumber.class).forEach(n -> values.add(n.longValue()));
    return values;
  }

  private static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("field"))
        .toList();
  }

  /** A POST authenticated by a signed JWT whose groups claim carries the role, as in production. */
  private static HttpResponse<String> postWithToken(String group, String path, String json) {
    return send(request(path).header("Authorization", "Bearer " + TestTokens.token("segment-it", 300, group))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }
}

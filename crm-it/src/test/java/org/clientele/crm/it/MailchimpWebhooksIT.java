package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.clientele.crm.camel.email.mailchimp.MailchimpPeer;
import org.clientele.crm.camel.email.mailchimp.MailchimpPeer.Member;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.ProblemAssert;
import org.clientele.crm.it.support.TestDatabase;
import org.clientele.crm.it.support.TestServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mailchimp's webhooks at {@code /crm/hooks/mailchimp/<secret>} (form POSTs over HTTP, as Mailchimp sends them),
 * with the outbound sync running against the stateful peer on {@code it.mailchimp.port} (crm-it/pom.xml
 * configures the secret, the list and {@code inbound-merge-fields=FNAME:givenName,LNAME:familyName}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailchimpWebhooksIT {

  private static final String KEY = "it0123456789abcdef-us21";
  private static final String LIST = "itaudience1";
  private static final String SECRET = "it-mailchimp-hook-secret-0123456789";
  private static final String HOOK = "/crm/hooks/mailchimp/" + SECRET;
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final DateTimeFormatter FIRED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static MailchimpPeer peer;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @BeforeAll
  static void startPeer() throws Exception {
    peer = MailchimpPeer.start(Integer.getInteger("it.mailchimp.port", 9181), KEY);
  }

  @AfterAll
  static void stopPeer() {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void mailchimpsUrlValidationIsAnsweredAndAWrongSecretIsRefusedWithNothingApplied() throws Exception {
    HttpResponse<String> validated = send(request(HOOK).GET());
    assertThat(validated.statusCode()).isEqualTo(200);
    assertThat(json(validated).getString("outcome")).isEqualTo("VALIDATED");
    assertThat(send(request("/crm/hooks/mailchimp/wrong").GET()).statusCode()).isEqualTo(401);

    String email = "wh.secret." + run + "@example.com";
    long id = register(email, "GRANTED");
    awaitMember(email, m -> m.status().equals("subscribed"));
    Map<String, String> unsubscribe = unsubscribe(email, Instant.now());
    for (String path : List.of("/crm/hooks/mailchimp/wrong-secret", "/crm/hooks/mailchimp/",
        "/crm/hooks/mailchimp/" + SECRET.substring(0, SECRET.length() - 1))) {
      HttpResponse<String> refused = post(path, unsubscribe);
      ProblemAssert.assertProblem(refused, 401, "unauthenticated");
      assertThat(refused.body()).doesNotContain(SECRET.substring(0, 10)).doesNotContain("wrong-secret");
    }
    assertThat(marketingConsent(id)).isEqualTo("GRANTED");
    assertThat(timeline(id)).noneMatch(i -> i.getString("type").equals("UNSUBSCRIBE"));
    assertThat(TestServer.counter("crm_email_webhooks_total", "outcome=\"unauthenticated\"")).isGreaterThan(0);
  }

  @Test
  void anUnsubscribeWithdrawsConsentOnceAndTheOutboundSyncNeverResubscribes() throws Exception {
    String email = "wh.unsub." + run + "@example.com";
    long id = register(email, "GRANTED");
    awaitMember(email, m -> m.status().equals("subscribed"));

    Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    peer.setStatus(LIST, email, "unsubscribed", at); // what Mailchimp did before telling us
    Map<String, String> form = unsubscribe(email, at);
    double before = TestServer.counter("crm_email_webhooks_total", "type=\"unsubscribe\"", "outcome=\"applied\"");
    HttpResponse<String> first = post(HOOK, form);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(json(first).getString("outcome")).isEqualTo("APPLIED");
    HttpResponse<String> again = post(HOOK, form);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).getString("outcome")).isEqualTo("DUPLICATE");

    JsonObject withdrawn = fromMailchimp(id);
    assertThat(consents(id)).filteredOn(c -> c.getString("source").equals("EMAIL:mailchimp")).hasSize(1);
    assertThat(withdrawn.getString("source")).isEqualTo("EMAIL:mailchimp");
    assertThat(Instant.parse(withdrawn.getString("decidedAt"))).isEqualTo(at);
    assertThat(withdrawn.getString("evidence")).contains("reason=manual").contains("action=unsub");
    assertThat(timeline(id)).filteredOn(i -> i.getString("type").equals("UNSUBSCRIBE")).singleElement()
        .satisfies(i -> {
          assertThat(i.getString("channel")).isEqualTo("EMAIL");
          assertThat(i.getJsonObject("attributes").getString("reason")).isEqualTo("manual");
        });
    assertThat(memberStatus(id)).isEqualTo("unsubscribed");
    assertThat(auditActors(id)).as("the webhook's changes are audited as its own").contains("mailchimp-webhook");
    assertThat(TestServer.counter("crm_email_webhooks_total", "type=\"unsubscribe\"", "outcome=\"applied\""))
        .isEqualTo(before + 1);

    // concurrent redeliveries of another delivery: applied once
    Instant later = at.plusSeconds(5);
    Map<String, String> resubscribe = base("subscribe", email, later);
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> twins = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      twins.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> post(HOOK, resubscribe)));
    }
    List<String> outcomes = twins.stream().map(java.util.concurrent.CompletableFuture::join)
        .peek(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200))
        .map(r -> json(r).getString("outcome")).toList();
    assertThat(outcomes).containsOnlyOnce("APPLIED").containsOnly("APPLIED", "DUPLICATE");
    assertThat(consents(id)).filteredOn(c -> c.getString("source").equals("EMAIL:mailchimp")).hasSize(2);
    // and Mailchimp unsubscribes the member again
    Instant last = later.plusSeconds(5);
    peer.setStatus(LIST, email, "unsubscribed", last);
    assertThat(json(post(HOOK, unsubscribe(email, last))).getString("outcome")).isEqualTo("APPLIED");
    assertThat(marketingConsent(id)).isEqualTo("WITHDRAWN");

    // a profile change in the CRM afterwards: the member's profile follows, its status stays unsubscribed
    patch(id, "{\"givenName\":\"Wendy\"}");
    Member after = awaitMember(email, m -> "Wendy".equals(m.mergeFields().get("FNAME")));
    assertThat(after.status()).isEqualTo("unsubscribed");
  }

  @Test
  void subscribeGrantsConsentAtFiredAt() throws Exception {
    String email = "wh.sub." + run + "@example.com";
    long id = register(email, null);
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    peer.addMember(LIST, email, "subscribed", at); // signed up in Mailchimp, which then tells the CRM
    Map<String, String> form = base("subscribe", email, at);
    form.put("data[ip_opt]", "10.20.10.30");
    HttpResponse<String> applied = post(HOOK, form);
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    JsonObject granted = fromMailchimp(id);
    assertThat(granted.getString("status")).isEqualTo("GRANTED");
    assertThat(granted.getString("source")).isEqualTo("EMAIL:mailchimp");
    assertThat(Instant.parse(granted.getString("decidedAt"))).isEqualTo(at);
    assertThat(memberStatus(id)).isEqualTo("subscribed");
    await().atMost(PATIENCE).until(() -> pending(id) == 0);
    assertThat(peer.member(LIST, email).orElseThrow().status()).isEqualTo("subscribed");
    assertThat(peer.member(LIST, email).orElseThrow().mergeFields()).as("the profile synced to the member")
        .containsEntry("FNAME", "Wanda");
  }

  @Test
  void cleanedWithdrawsConsentWithTheReasonAndKeepsTheMemberCleaned() throws Exception {
    String email = "wh.clean." + run + "@example.com";
    long id = register(email, "GRANTED");
    awaitMember(email, m -> m.status().equals("subscribed"));
    await().atMost(PATIENCE).until(() -> pending(id) == 0); // the race with the answer: the test above
    Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    peer.setStatus(LIST, email, "cleaned", at);
    Map<String, String> form = base("cleaned", email, at);
    form.put("data[reason]", "hard");
    form.put("data[campaign_id]", "4fjk2ma9xd");
    assertThat(post(HOOK, form).statusCode()).isEqualTo(200);
    assertThat(marketingConsent(id)).isEqualTo("WITHDRAWN");
    assertThat(fromMailchimp(id).getString("evidence")).contains("cleaned").contains("reason=hard");
    assertThat(timeline(id)).filteredOn(i -> i.getString("type").equals("CAMPAIGN_BOUNCED")).hasSize(1);
    assertThat(memberStatus(id)).isEqualTo("cleaned");
  }

  /**
   * The race the relay used to lose: Mailchimp applies the subscription, then cleans the member and tells the CRM
   * by webhook before the relay has recorded the subscription's answer. The later record of that older answer
   * must not overwrite "cleaned" (the withdrawal's own delivery, which follows, would heal it: it is held until the
   * record is checked).
   */
  @Test
  void aCleanedWebhookRecordedWhileTheSubscriptionsAnswerIsInFlightStays() throws Exception {
    String email = "wh.race." + run + "@example.com";
    long id;
    peer.holdMemberAnswers(email);
    try {
      id = register(email, "GRANTED");
      awaitMember(email, m -> m.status().equals("subscribed")); // applied in Mailchimp; its answer held
      Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
      peer.setStatus(LIST, email, "cleaned", at);
      Map<String, String> form = base("cleaned", email, at);
      form.put("data[reason]", "hard");
      assertThat(post(HOOK, form).statusCode()).isEqualTo(200);
      assertThat(memberStatus(id)).isEqualTo("cleaned");
      assertThat(pending(id)).as("the subscription and the withdrawal").isEqualTo(2);
      peer.releaseMemberAnswers();
      peer.holdMemberAnswers(email); // the withdrawal's member update waits
      await().atMost(PATIENCE).until(() -> pending(id) == 1); // the subscription's answer recorded
      assertThat(memberStatus(id)).isEqualTo("cleaned");
    } finally {
      peer.releaseMemberAnswers();
    }
    await().atMost(PATIENCE).until(() -> pending(id) == 0);
    assertThat(memberStatus(id)).isEqualTo("cleaned");
    assertThat(marketingConsent(id)).isEqualTo("WITHDRAWN");
    assertThat(peer.member(LIST, email).orElseThrow().status()).isEqualTo("cleaned");
  }

  @Test
  void upemailChangesTheProfilesAddressWithoutASecondMember() throws Exception {
    String email = "wh.old." + run + "@example.com";
    String changed = "wh.new." + run + "@example.com";
    long id = register(email, "GRANTED");
    awaitMember(email, m -> m.status().equals("subscribed"));
    await().atMost(PATIENCE).until(() -> pending(id) == 0);
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    peer.changeEmail(LIST, email, changed, at);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", "upemail");
    form.put("fired_at", FIRED_AT.format(at.atOffset(ZoneOffset.UTC)));
    form.put("data[list_id]", LIST);
    form.put("data[new_id]", MailchimpPeer.hash(changed).substring(0, 10));
    form.put("data[new_email]", changed);
    form.put("data[old_email]", email);
    HttpResponse<String> applied = post(HOOK, form);
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    assertThat(json(get(AGENT, "/crm/api/customers/" + id)).getString("email")).isEqualTo(changed);
    await().atMost(PATIENCE).until(() -> pending(id) == 0);
    assertThat(peer.all(LIST)).filteredOn(m -> m.email().contains(run)).extracting(Member::email)
        .containsExactly(changed);
    assertThat(peer.requests()).noneMatch(r -> r.contains(MailchimpPeer.hash(email)) && r.startsWith("PUT")
        && r.endsWith(" 404"));
  }

  @Test
  void profileUpdatesOnlyTheConfiguredMergeFields() throws Exception {
    String email = "wh.profile." + run + "@example.com";
    long id = register(email, null);
    Map<String, String> form = base("profile", email, Instant.now());
    form.put("data[merges][FNAME]", "Paula");
    form.put("data[merges][LNAME]", "Profile");
    form.put("data[merges][PHONE]", "+15550100");
    assertThat(post(HOOK, form).statusCode()).isEqualTo(200);
    JsonObject profile = json(get(AGENT, "/crm/api/customers/" + id));
    assertThat(profile.getString("givenName")).isEqualTo("Paula");
    assertThat(profile.getString("familyName")).isEqualTo("Profile");
    assertThat(profile.containsKey("phone") && !profile.isNull("phone")).as("PHONE is not mapped inbound").isFalse();
  }

  @Test
  void campaignsUnknownAddressesAndOtherListsAreAcknowledgedAndBadFormsRefused() throws Exception {
    Map<String, String> campaign = new LinkedHashMap<>();
    campaign.put("type", "campaign");
    campaign.put("fired_at", "2009-03-26 21:31:21");
    campaign.put("data[id]", "5aa2102003");
    campaign.put("data[subject]", "Test Campaign Subject");
    campaign.put("data[status]", "sent");
    campaign.put("data[reason]", "");
    campaign.put("data[list_id]", LIST);
    HttpResponse<String> ignored = post(HOOK, campaign);
    assertThat(ignored.statusCode()).isEqualTo(200);
    assertThat(json(ignored).getString("outcome")).isEqualTo("IGNORED");

    HttpResponse<String> unknown = post(HOOK, unsubscribe("wh.nobody." + run + "@example.com", Instant.now()));
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(json(unknown).getString("outcome")).isEqualTo("IGNORED");

    String email = "wh.other." + run + "@example.com";
    long id = register(email, "GRANTED");
    Map<String, String> otherList = unsubscribe(email, Instant.now());
    otherList.put("data[list_id]", "anotherlist");
    assertThat(json(post(HOOK, otherList)).getString("outcome")).isEqualTo("IGNORED");
    assertThat(marketingConsent(id)).isEqualTo("GRANTED");

    Map<String, String> badType = unsubscribe(email, Instant.now());
    badType.put("type", "unsubscribed");
    ProblemAssert.assertProblem(post(HOOK, badType), 400, "malformed-request");
    Map<String, String> badTime = unsubscribe(email, Instant.now());
    badTime.put("fired_at", "2009-03-26T21:31:21Z");
    ProblemAssert.assertProblem(post(HOOK, badTime), 400, "malformed-request");
    HttpResponse<String> broken = send(request(HOOK).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("type=unsubscribe&data%ZZ=1")));
    ProblemAssert.assertProblem(broken, 400, "malformed-request");
    HttpResponse<String> jsonBody = send(request(HOOK).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(jsonBody.statusCode()).isEqualTo(415);
    assertThat(marketingConsent(id)).isEqualTo("GRANTED");
  }

  @Test
  void segmentEntryAndExitSetTheMembersTagActiveAndInactiveWithIsSyncing() throws Exception {
    HttpResponse<String> defined = postJson(TestServer.ADMIN, "/crm/api/segments", """
        {"key":"it-mailchimp-vip","name":"Mailchimp VIPs","kind":"DYNAMIC",
         "rule":{"field":"tags","op":"contains","value":"mc-vip"}}""");
    assertThat(defined.statusCode()).as(defined.body()).isIn(201, 409);
    String email = "wh.tags." + run + "@example.com";
    long id = register(email, "GRANTED");
    awaitMember(email, m -> m.status().equals("subscribed"));

    patch(id, "{\"tags\":[\"mc-vip\"]}");
    await().atMost(PATIENCE).until(() -> Boolean.TRUE.equals(peer.tags(LIST, email).get("IT VIP")));
    assertThat(peer.lastTagSyncing(LIST, email)).as("crm.email.mailchimp.tags.is-syncing defaults to true").isTrue();

    patch(id, "{\"tags\":[]}");
    await().atMost(PATIENCE).until(() -> Boolean.FALSE.equals(peer.tags(LIST, email).get("IT VIP")));

    // a customer without an email has no member: nothing is queued
    HttpResponse<String> noEmail = postJson(INTEGRATION, "/crm/api/customers", """
        {"givenName":"No","familyName":"Mail","phone":"+4930%s","tags":["mc-vip"]}"""
        .formatted(Math.abs(run.hashCode() % 10_000_000)));
    assertThat(noEmail.statusCode()).as(noEmail.body()).isIn(200, 201);
    long quiet = json(noEmail).getJsonNumber("id").longValue();
    Thread.sleep(500);
    assertThat(pending(quiet)).isZero();
  }

  // ---- helpers

  private static Map<String, String> base(String type, String email, Instant at) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", type);
    form.put("fired_at", FIRED_AT.format(at.atOffset(ZoneOffset.UTC)));
    form.put("data[id]", MailchimpPeer.hash(email).substring(0, 10));
    form.put("data[list_id]", LIST);
    form.put("data[email]", email);
    form.put("data[email_type]", "html");
    form.put("data[merges][EMAIL]", email);
    form.put("data[web_id]", "3375995");
    return form;
  }

  private static Map<String, String> unsubscribe(String email, Instant at) {
    Map<String, String> form = base("unsubscribe", email, at);
    form.put("data[action]", "unsub");
    form.put("data[reason]", "manual");
    form.put("data[campaign_id]", "cb398d21d2");
    return form;
  }

  private static HttpResponse<String> post(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private long register(String email, String consent) {
    String consents = consent == null ? "[]" : """
        [{"channel":"EMAIL","purpose":"MARKETING","status":"%s","source":"it","decidedAt":"%s"}]"""
        .formatted(consent, Instant.now().minusSeconds(60));
    HttpResponse<String> created = postJson(INTEGRATION, "/crm/api/customers", """
        {"email":"%s","givenName":"Wanda","familyName":"Hook","language":"en","consents":%s}"""
        .formatted(email, consents));
    assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    return json(created).getJsonNumber("id").longValue();
  }

  private static List<JsonObject> consents(long id) {
    return TestServer.jsonArray(get(AGENT, "/crm/api/customers/" + id + "/consents"))
        .getValuesAs(JsonObject.class);
  }

  /** The one consent decision the webhooks recorded. */
  private static JsonObject fromMailchimp(long id) {
    List<JsonObject> recorded = consents(id).stream().filter(c -> c.getString("source").equals("EMAIL:mailchimp"))
        .toList();
    assertThat(recorded).hasSize(1);
    return recorded.get(0);
  }

  private static String marketingConsent(long id) {
    return json(get(AGENT, "/crm/api/customers/" + id)).getJsonArray("consents").getValuesAs(JsonObject.class)
        .stream().filter(c -> c.getString("channel").equals("EMAIL") && c.getString("purpose").equals("MARKETING"))
        .map(c -> c.getString("status")).findFirst().orElse(null);
  }

  private static List<JsonObject> timeline(long id) {
    return json(get(AGENT, "/crm/api/customers/" + id + "/timeline")).getJsonArray("items")
        .getValuesAs(JsonObject.class);
  }

  private static void patch(long id, String patch) {
    String path = "/crm/api/customers/" + id;
    String etag = get(AGENT, path).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> patched = send(TestServer.requestAs(AGENT, path)
        .header("Content-Type", "application/merge-patch+json").header("If-Match", etag)
        .method("PATCH", HttpRequest.BodyPublishers.ofString(patch)));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
  }

  private static Member awaitMember(String email, java.util.function.Predicate<Member> condition) {
    return await().atMost(PATIENCE).until(() -> peer.member(LIST, email).filter(condition), Optional::isPresent)
        .orElseThrow();
  }

  private static String memberStatus(long customerId) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT status FROM crm_email_member WHERE platform = 'mailchimp' AND customer_id = ?")) {
      s.setLong(1, customerId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static List<String> auditActors(long customerId) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT DISTINCT actor FROM crm_audit_event WHERE entity_id = ?")) {
      s.setString(1, String.valueOf(customerId));
      try (ResultSet r = s.executeQuery()) {
        List<String> actors = new java.util.ArrayList<>();
        while (r.next()) {
          actors.add(r.getString(1));
        }
        return actors;
      }
    }
  }

  private static int pending(long customerId) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT COUNT(*) FROM crm_outbox WHERE target = 'email' AND ordering_key = ?")) {
      s.setString(1, String.valueOf(customerId));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}

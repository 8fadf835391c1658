package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.json;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.clientele.crm.camel.email.mailchimp.MailchimpPeer;
import org.clientele.crm.camel.email.mailchimp.MailchimpReportsPeer;
import org.clientele.crm.it.support.Deployments;
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
 * The engagement import from Mailchimp's reports API against the stateful peer on {@code it.mailchimp.port}
 * (crm-it/pom.xml: a period of hours, so runs come from {@code POST /crm/api/email/mailchimp/engagement-import};
 * pages of 2 to exercise paging; retries within 2 s).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailchimpEngagementIT {

  private static final String KEY = "it0123456789abcdef-us21";
  private static final String LIST = "itaudience1";
  private static final String IMPORT = "/crm/api/email/mailchimp/engagement-import";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static MailchimpPeer peer;
  private static MailchimpReportsPeer reports;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @BeforeAll
  static void startPeer() throws Exception {
    peer = MailchimpPeer.start(Integer.getInteger("it.mailchimp.port", 9181), KEY);
    reports = peer.reports();
  }

  @AfterAll
  static void stopPeer() {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void activityBecomesInteractionsOfTheRightCustomersOnceAndLaterOnlyTheNewOnes() {
    String ann = "eng.ann." + run + "@example.com";
    String bob = "eng.bob." + run + "@example.com";
    long annId = register(ann, "GRANTED", null); // a member the CRM created: found by subscriber hash
    long bobId = register(bob, null, null); // no member: found by the profile's email
    await().atMost(PATIENCE).until(() -> peer.member(LIST, ann).isPresent());

    String campaign = "c1-" + run;
    Instant sent = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    reports.addCampaign(campaign, LIST, "IT autumn " + run, "Autumn sale", sent);
    reports.addCampaign("other-" + run, "anotherlist", "Other audience", "Not ours", sent);
    for (String email : List.of(ann, bob, "eng.nobody." + run + "@example.com")) {
      reports.addRecipient(campaign, email, "sent");
    }
    reports.open(campaign, ann, sent.plusSeconds(60));
    reports.click(campaign, ann, sent.plusSeconds(90), "https://shop.example/autumn");
    reports.open(campaign, ann, sent.plusSeconds(3600));
    reports.bounce(campaign, bob, sent.plusSeconds(5), "soft");
    reports.open(campaign, "eng.nobody." + run + "@example.com", sent.plusSeconds(70));
    reports.unsubscribe(campaign, bob, sent.plusSeconds(120), "Too many emails");

    JsonObject first = runImport();
    assertThat(first.getJsonObject("last").getString("outcome")).isEqualTo("OK");
    assertThat(first.getJsonObject("last").getInt("unknown")).as("the unknown address's send and open")
        .isGreaterThanOrEqualTo(2);

    List<JsonObject> annTimeline = email(annId);
    assertThat(annTimeline).extracting(i -> i.getString("type")).containsExactlyInAnyOrder("CAMPAIGN_SENT",
        "CAMPAIGN_OPENED", "CAMPAIGN_CLICKED", "CAMPAIGN_OPENED");
    JsonObject click = annTimeline.stream().filter(i -> i.getString("type").equals("CAMPAIGN_CLICKED")).findFirst()
        .orElseThrow();
    assertThat(Instant.parse(click.getString("occurredAt"))).isEqualTo(sent.plusSeconds(90));
    assertThat(click.getString("direction")).isEqualTo("INBOUND");
    assertThat(click.getJsonObject("attributes").getString("campaignId")).isEqualTo(campaign);
    assertThat(click.getJsonObject("attributes").getString("url")).isEqualTo("https://shop.example/autumn");
    JsonObject send = annTimeline.stream().filter(i -> i.getString("type").equals("CAMPAIGN_SENT")).findFirst()
        .orElseThrow();
    assertThat(send.getString("direction")).isEqualTo("OUTBOUND");
    assertThat(Instant.parse(send.getString("occurredAt"))).isEqualTo(sent);
    assertThat(email(bobId)).extracting(i -> i.getString("type")).containsExactlyInAnyOrder("CAMPAIGN_SENT",
        "CAMPAIGN_BOUNCED", "UNSUBSCRIBE");
    assertThat(email(bobId)).filteredOn(i -> i.getString("type").equals("CAMPAIGN_BOUNCED")).singleElement()
        .satisfies(i -> assertThat(i.getJsonObject("attributes").getString("bounceType")).isEqualTo("soft"));

    // twice, and with the overlap: nothing twice
    JsonObject again = runImport();
    assertThat(again.getJsonObject("last").getString("outcome")).isEqualTo("OK");
    assertThat(email(annId)).hasSize(4);
    assertThat(email(bobId)).hasSize(3);
    assertThat(again.getJsonArray("campaigns").getValuesAs(JsonObject.class))
        .filteredOn(c -> c.getString("campaignId").equals(campaign)).singleElement().satisfies(c -> {
          assertThat(c.getBoolean("sentToDone")).isTrue();
          assertThat(Instant.parse(c.getString("activitySince"))).isAfter(sent);
        });
    assertThat(again.getJsonArray("campaigns").getValuesAs(JsonObject.class))
        .noneMatch(c -> c.getString("campaignId").equals("other-" + run));

    // new activity after the checkpoint: only it
    reports.open(campaign, bob, Instant.now());
    runImport();
    assertThat(email(bobId)).extracting(i -> i.getString("type")).containsExactlyInAnyOrder("CAMPAIGN_SENT",
        "CAMPAIGN_BOUNCED", "UNSUBSCRIBE", "CAMPAIGN_OPENED");
    assertThat(email(annId)).hasSize(4);
    assertThat(counter("crm_email_engagement_activities_total", "outcome=\"recorded\""))
        .isGreaterThanOrEqualTo(8);
  }

  @Test
  void aStormOf429IsRetriedWithBackoffAndNothingIsLost() {
    String cara = "eng.cara." + run + "@example.com";
    long id = register(cara, null, null);
    String campaign = "c429-" + run;
    Instant sent = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    reports.addCampaign(campaign, LIST, "IT storm " + run, "Storm", sent);
    reports.addRecipient(campaign, cara, "sent");
    for (int i = 0; i < 5; i++) {
      reports.click(campaign, cara, sent.plusSeconds(60 + i), "https://shop.example/" + i);
    }
    double retries = counter("crm_email_engagement_runs_total", "outcome=\"retry\"");
    reports.failNext(4);
    JsonObject status = runImport();
    assertThat(status.getJsonObject("last").getString("outcome")).isEqualTo("OK");
    assertThat(counter("crm_email_engagement_runs_total", "outcome=\"retry\""))
        .isGreaterThanOrEqualTo(retries + 1);
    assertThat(email(id)).filteredOn(i -> i.getString("type").equals("CAMPAIGN_CLICKED")).hasSize(5);
    assertThat(email(id)).filteredOn(i -> i.getString("type").equals("CAMPAIGN_SENT")).hasSize(1);
  }

  @Test
  void importedOpensFeedSegmentsIncrementallyAndTheEngagementScore() {
    String tag = "mc-eng-" + run;
    postSegment("it-eng-openers-" + run, """
        {"all":[{"field":"tags","op":"contains","value":"%s"},
          {"behaviour":{"of":"interactions","measure":"count",
             "where":{"channel":["EMAIL"],"type":["CAMPAIGN_OPENED","CAMPAIGN_CLICKED"]},
             "withinLastDays":30,"op":"gte","value":1}}]}""".formatted(tag));
    postSegment("it-eng-engaged-" + run, """
        {"all":[{"field":"tags","op":"contains","value":"%s"},{"engagement":{"op":"gte","value":40}}]}"""
        .formatted(tag));
    String dan = "eng.dan." + run + "@example.com";
    String eve = "eng.eve." + run + "@example.com";
    long danId = register(dan, null, tag);
    long eveId = register(eve, null, tag);
    String campaign = "cseg-" + run;
    Instant sent = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    reports.addCampaign(campaign, LIST, "IT segments " + run, "Segments", sent);
    reports.addRecipient(campaign, dan, "sent");
    reports.addRecipient(campaign, eve, "sent");
    reports.open(campaign, dan, sent.plusSeconds(600));
    reports.click(campaign, dan, sent.plusSeconds(700), "https://shop.example/seg");
    assertThat(isMember("it-eng-openers-" + run, danId)).isFalse();

    runImport();
    // re-evaluated like any recorded interaction (TouchedCustomers), without a full recomputation
    await().atMost(PATIENCE).until(() -> isMember("it-eng-openers-" + run, danId));
    assertThat(isMember("it-eng-openers-" + run, eveId)).as("a send alone is no engagement").isFalse();

    // the engagement score counts the imported opens and clicks (a send does not)
    HttpResponse<String> evaluated = postJson(ADMIN, "/crm/api/segments/evaluation", "");
    assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
    assertThat(isMember("it-eng-engaged-" + run, danId)).isTrue();
    assertThat(isMember("it-eng-engaged-" + run, eveId)).isFalse();
  }

  @Test
  void statusNeedsARoleAndTheImportCanBeAskedFor() {
    assertThat(get(AGENT, IMPORT).statusCode()).isEqualTo(403);
    HttpResponse<String> status = get(INTEGRATION, IMPORT);
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    assertThat(json(status).getString("platform")).isEqualTo("mailchimp");
    assertThat(json(status).getString("audience")).isEqualTo(LIST);
    HttpResponse<String> asked = postJson(INTEGRATION, IMPORT, "");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
    assertThat(json(asked).getString("requestedAt")).isNotBlank();
  }

  // ---- helpers

  /** HTTP/1.1 only (Liberty's HTTP/2 upgrade misbehaves under load: GOAWAY), patient on a loaded machine. */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double counter(String name, String... labels) {
    return send(TestServer.request("/metrics?scope=application").GET()).body().lines()
        .filter(line -> line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  private static HttpResponse<String> get(String user, String path) {
    return send(TestServer.requestAs(user, path).GET());
  }

  private static HttpResponse<String> postJson(String user, String path, String json) {
    return send(TestServer.requestAs(user, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Asks for a run and waits for the first one that started after the request to finish successfully. */
  private static JsonObject runImport() {
    HttpResponse<String> asked = postJson(ADMIN, IMPORT, "");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
    Instant requested = Instant.parse(json(asked).getString("requestedAt"));
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonObject s = json(get(ADMIN, IMPORT));
      JsonObject last = s.containsKey("last") && !s.isNull("last") ? s.getJsonObject("last") : null;
      boolean done = last != null && last.containsKey("startedAt") && !last.isNull("startedAt")
          && !s.getString("lastOutcome", "").equals("RUNNING")
          && !Instant.parse(last.getString("startedAt")).isBefore(requested)
          && List.of("OK", "PARTIAL").contains(last.getString("outcome"));
      return done ? Optional.of(s) : Optional.<JsonObject>empty();
    }, Optional::isPresent).orElseThrow();
  }

  private long register(String email, String consent, String tag) {
    String consents = consent == null ? "[]" : """
        [{"channel":"EMAIL","purpose":"MARKETING","status":"%s","source":"it","decidedAt":"%s"}]"""
        .formatted(consent, Instant.now().minusSeconds(60));
    HttpResponse<String> created = postJson(INTEGRATION, "/crm/api/customers", """
        {"email":"%s","givenName":"Erin","familyName":"Engaged","language":"en","consents":%s,"tags":%s}"""
        .formatted(email, consents, tag == null ? "[]" : "[\"" + tag + "\"]"));
    assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    return json(created).getJsonNumber("id").longValue();
  }

  private static List<JsonObject> email(long id) {
    return json(get(AGENT, "/crm/api/customers/" + id + "/timeline?channel=EMAIL&limit=100")).getJsonArray("items")
        .getValuesAs(JsonObject.class).stream().filter(i -> i.getString("channel").equals("EMAIL")).toList();
  }

  private static void postSegment(String key, String rule) {
    HttpResponse<String> defined = postJson(ADMIN, "/crm/api/segments", """
        {"key":"%s","name":"%s","kind":"DYNAMIC","rule":%s}""".formatted(key, key, rule));
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
  }

  private static boolean isMember(String segment, long customerId) {
    return get(AGENT, "/crm/api/segments/" + segment + "/members/" + customerId).statusCode() == 200;
  }
}

package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.clientele.crm.camel.email.mailchimp.MailchimpPeer;
import org.clientele.crm.camel.email.mailchimp.MailchimpPeer.Member;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customers reach a Mailchimp audience through the outbox and the relay {@code email-members-out}, against the
 * stateful Mailchimp peer on {@code it.mailchimp.port} (the suite's server is configured to call it, with at most
 * 3 connections, polls of 200 ms and a short backoff: crm-it/pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailchimpMembersIT {

  private static final String KEY = "it0123456789abcdef-us21";
  private static final String LIST = "itaudience1";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

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
  void membersFollowProfileAndConsentAndNobodyWhoLeftInMailchimpIsResubscribed() throws Exception {
    String email = "mc." + run + "@example.com";
    long id = register(email, "GRANTED");

    Member subscribed = awaitMember(email, m -> m.status().equals("subscribed"));
    assertThat(subscribed.mergeFields()).containsEntry("FNAME", "Mia").containsEntry("LNAME", "Chimp")
        .containsEntry("BIRTHDAY", "04/17");
    assertThat(subscribed.language()).isEqualTo("de");

    consent(id, "WITHDRAWN");
    awaitMember(email, m -> m.status().equals("unsubscribed"));
    consent(id, "GRANTED");
    awaitMember(email, m -> m.status().equals("subscribed"));

    // email change: the same member gets the new address, no second member
    String changed = "mc.new." + run + "@example.com";
    patch(id, "{\"email\":\"" + changed + "\"}");
    awaitMember(changed, m -> m.status().equals("subscribed"));
    assertThat(peer.member(LIST, email)).isEmpty();
    assertThat(peer.all(LIST)).filteredOn(m -> m.email().contains(run)).hasSize(1);

    // unsubscribed in Mailchimp: a profile change (with the old grant) keeps it so
    peer.setStatus(LIST, changed, "unsubscribed", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    patch(id, "{\"givenName\":\"Mila\"}");
    assertThat(awaitMember(changed, m -> "Mila".equals(m.mergeFields().get("FNAME"))).status())
        .isEqualTo("unsubscribed");
    // a newer explicit opt-in in the CRM subscribes again
    consent(id, "GRANTED");
    awaitMember(changed, m -> m.status().equals("subscribed"));

    // cleaned (bounced): never subscribed again, whatever the CRM says
    peer.setStatus(LIST, changed, "cleaned", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    consent(id, "WITHDRAWN");
    consent(id, "GRANTED");
    patch(id, "{\"givenName\":\"Milla\"}");
    assertThat(awaitMember(changed, m -> "Milla".equals(m.mergeFields().get("FNAME"))).status())
        .isEqualTo("cleaned");
    await().atMost(PATIENCE).until(() -> pending(id) == 0); // settled after the peer's answer

    // erasure: the member is deleted for good; nothing of the address stays in the CRM
    HttpResponse<String> erased = postJson(ADMIN, "/crm/api/customers/" + id + "/erasure",
        "{\"reason\":\"mailchimp erasure test\"}");
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    await().atMost(PATIENCE).until(() -> peer.deletedPermanently(LIST, MailchimpPeer.hash(changed)));
    assertThat(peer.member(LIST, changed)).isEmpty();
    assertThat(TestDatabase.whereStored(changed)).isEmpty();
  }

  @Test
  void withoutAConsentDecisionNoMemberIsCreated() throws Exception {
    String email = "mc.none." + run + "@example.com";
    long id = register(email, null);
    await().atMost(PATIENCE).until(() -> pending(id) == 0);
    assertThat(peer.member(LIST, email)).isEmpty();
    assertThat(deadLetter(id)).as("settled without a call, not parked").isEmpty();
  }

  @Test
  void aStormOf429sIsRiddenOutWithinTheConnectionLimit() throws Exception {
    peer.resetMaxInFlight();
    peer.delay(50);
    peer.failNext(15);
    try {
      List<String> emails = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        emails.add("mc.storm." + i + "." + run + "@example.com");
        register(emails.get(i), "GRANTED");
      }
      for (String email : emails) {
        awaitMember(email, m -> m.status().equals("subscribed"));
      }
      assertThat(peer.requests()).anyMatch(r -> r.endsWith(" 429"));
      assertThat(peer.maxInFlight()).as("crm.email.mailchimp.max-connections=3").isBetween(1, 3);
    } finally {
      peer.delay(0);
      peer.failNext(0);
    }
  }

  @Test
  void aMemberMailchimpRefusesIsParkedWithItsProblemDetailAndTheNextChangeGoesOn() throws Exception {
    long id = register("mc.refused." + run + "@fake.example", "GRANTED");
    JsonObject letter = await().atMost(PATIENCE).until(() -> deadLetter(id), Optional::isPresent).orElseThrow();
    assertThat(letter.getString("messageType")).isEqualTo("member.changed");
    assertThat(letter.getString("reason")).contains("HTTP 400").contains("Invalid Resource").contains("looks fake");
    assertThat(letter.getInt("attempts")).as("parked at once").isEqualTo(1);

    String fixed = "mc.fixed." + run + "@example.com";
    patch(id, "{\"email\":\"" + fixed + "\"}");
    awaitMember(fixed, m -> m.status().equals("subscribed"));
  }

  // ---- helpers

  private long register(String email, String consent) {
    String consents = consent == null ? "[]" : """
        [{"channel":"EMAIL","purpose":"MARKETING","status":"%s","source":"it","decidedAt":"%s"}]"""
        .formatted(consent, Instant.now().minusSeconds(60));
    HttpResponse<String> created = postJson(INTEGRATION, "/crm/api/customers", """
        {"email":"%s","givenName":"Mia","familyName":"Chimp","birthDate":"1990-04-17","language":"de",
         "consents":%s}""".formatted(email, consents));
    assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    return json(created).getJsonNumber("id").longValue();
  }

  private static void consent(long id, String status) {
    HttpResponse<String> recorded = postJson(AGENT, "/crm/api/customers/" + id + "/consents", """
        {"channel":"EMAIL","purpose":"MARKETING","status":"%s","source":"it","decidedAt":"%s"}"""
        .formatted(status, Instant.now()));
    assertThat(recorded.statusCode()).as(recorded.body()).isIn(200, 201);
  }

  private static void patch(long id, String patch) {
    String path = "/crm/api/customers/" + id;
    String etag = get(AGENT, path).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> patched = send(requestAs(AGENT, path).header("Content-Type", "application/merge-patch+json")
        .header("If-Match", etag).method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(patch)));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
  }

  private static Member awaitMember(String email, java.util.function.Predicate<Member> condition) {
    return await().atMost(PATIENCE).until(() -> peer.member(LIST, email).filter(condition), Optional::isPresent)
        .orElseThrow();
  }

  /** The customer's email messages still waiting in the outbox. */
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

  private static Optional<JsonObject> deadLetter(long customerId) {
    return json(get(INTEGRATION, "/crm/api/dead-letters?system=email&limit=200")).getJsonArray("items")
        .getValuesAs(JsonObject.class).stream()
        .filter(d -> String.valueOf(customerId).equals(d.getString("orderingKey", null)))
        .findFirst();
  }
}

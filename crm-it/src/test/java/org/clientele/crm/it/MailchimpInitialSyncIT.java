package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.requestAs;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.clientele.crm.camel.email.mailchimp.MailchimpPeer;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The initial sync of the Mailchimp audience through the batch operations API of the stateful peer on
 * {@code it.mailchimp.port}: every customer with an email of the database (this IT's and any other's), chunk by
 * chunk; failures as dead letters with Mailchimp's detail; nobody re-subscribed; progress; resumption from the
 * checkpoint; bad input. The member relay runs meanwhile (the suite's configuration) and shares the client, so the
 * cap of 3 connections holds for both together.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailchimpInitialSyncIT {

  private static final String KEY = "it0123456789abcdef-us21";
  private static final String LIST = "itaudience1";
  private static final String SYNCS = "/crm/api/email/mailchimp/initial-syncs";
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private static MailchimpPeer peer;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @BeforeAll
  static void startPeer() throws Exception {
    peer = MailchimpPeer.start(Integer.getInteger("it.mailchimp.port", 9181), KEY);
    // the first requests of a fresh server warm up JAX-RS and JSON-B: slow on a loaded machine
    await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
        .until(() -> get(INTEGRATION, SYNCS).statusCode() == 200);
  }

  @AfterAll
  static void stopPeer() {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  @Order(1)
  void badInputIsAProblemAndNothingStarts() {
    HttpResponse<String> zero = postJson(INTEGRATION, SYNCS, "{\"chunkSize\":0}");
    assertThat(zero.statusCode()).isEqualTo(400);
    assertThat(zero.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(zero.body()).contains("chunkSize");
    assertThat(postJson(INTEGRATION, SYNCS, "{\"chunkSize\":5001}").statusCode()).isEqualTo(400);
    assertThat(postJson(INTEGRATION, SYNCS, "{\"chunkSize\":\"many\"}").statusCode()).isEqualTo(400);
    assertThat(postJson(AGENT, SYNCS, "{}").statusCode()).as("admins and integrations only").isEqualTo(403);
    HttpResponse<String> missing = get(INTEGRATION, SYNCS + "/999999");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(postJson(INTEGRATION, SYNCS + "/999999/cancel", "").statusCode()).isEqualTo(404);
    assertThat(get(INTEGRATION, SYNCS).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void everyCustomerIsSubmittedInBatchesFailuresAreDeadLettersAndNobodyIsResubscribed() {
    List<String> good = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String email = "bulk" + i + "." + run + "@example.com";
      register(email, i % 10 == 9 ? "WITHDRAWN" : "GRANTED");
      good.add(email);
    }
    List<Long> fake = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fake.add(register("bulk.fake" + i + "." + run + "@fake.example", "GRANTED"));
    }
    String undecided = "bulk.undecided." + run + "@example.com";
    register(undecided, null);
    // a customer who unsubscribed in Mailchimp (after the CRM's opt-in): stays so
    String left = "bulk.left." + run + "@example.com";
    register(left, "GRANTED");
    await().atMost(PATIENCE).until(() -> peer.member(LIST, left).isPresent());
    peer.setStatus(LIST, left, "unsubscribed", Instant.now());
    int batchesBefore = peer.batchCount();
    peer.resetMaxInFlight();
    peer.holdBatchesAfter(1); // the sync is surely running while a second one is tried

    HttpResponse<String> started = postJson(INTEGRATION, SYNCS, "{\"chunkSize\":40}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonObject job = json(started);
    long id = job.getJsonNumber("id").longValue();
    assertThat(started.headers().firstValue("Location").orElseThrow()).endsWith(SYNCS + "/" + id);
    assertThat(job.getString("status")).isEqualTo("RUNNING");
    assertThat(job.getString("platform")).isEqualTo("mailchimp");
    assertThat(job.getString("audience")).isEqualTo(LIST);
    assertThat(job.getJsonNumber("totalEstimate").longValue()).isGreaterThanOrEqualTo(107);
    HttpResponse<String> twice = postJson(INTEGRATION, SYNCS, "{}");
    assertThat(twice.statusCode()).as("one running sync per audience").isEqualTo(409);
    assertThat(twice.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    peer.releaseBatches();

    JsonObject done = awaitStatus(id, "COMPLETED");
    long considered = done.getJsonNumber("considered").longValue();
    assertThat(considered).isGreaterThanOrEqualTo(107);
    assertThat(done.getJsonNumber("submitted").longValue() + done.getJsonNumber("skipped").longValue())
        .isEqualTo(considered);
    assertThat(done.getJsonNumber("succeeded").longValue() + done.getJsonNumber("failed").longValue())
        .isEqualTo(done.getJsonNumber("submitted").longValue());
    assertThat(done.getJsonNumber("failed").longValue()).isGreaterThanOrEqualTo(5);
    assertThat(done.getJsonNumber("skipped").longValue()).isGreaterThanOrEqualTo(1);
    assertThat(done.getJsonNumber("batches").longValue()).isGreaterThanOrEqualTo(3);
    assertThat(peer.batchCount() - batchesBefore).isEqualTo(done.getJsonNumber("batches").intValue());
    assertThat(done.getJsonNumber("lastCustomerId").longValue()).isPositive();
    assertThat(done.getString("startedAt")).isNotBlank();
    assertThat(done.getString("finishedAt")).isNotBlank();
    assertThat(done.getJsonNumber("ratePerSecond").doubleValue()).isPositive();
    assertThat(peer.maxInFlight()).as("the relay and the sync share 3 connections").isLessThanOrEqualTo(3);

    for (String email : good) {
      assertThat(peer.member(LIST, email)).as(email).isPresent();
    }
    assertThat(peer.member(LIST, good.get(9)).orElseThrow().status()).isEqualTo("unsubscribed");
    assertThat(peer.member(LIST, good.get(0)).orElseThrow().status()).isEqualTo("subscribed");
    assertThat(peer.member(LIST, good.get(0)).orElseThrow().mergeFields()).containsEntry("FNAME", "Bea");
    assertThat(peer.member(LIST, left).orElseThrow().status()).as("never re-subscribed").isEqualTo("unsubscribed");
    assertThat(peer.member(LIST, undecided)).as("no decision, no member").isEmpty();

    List<JsonObject> letters = json(get(INTEGRATION, "/crm/api/dead-letters?system=email&limit=200"))
        .getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(l -> "email-initial-sync".equals(l.getString("routeId"))).toList();
    for (long customer : fake) {
      JsonObject letter = letters.stream().filter(l -> String.valueOf(customer).equals(l.getString("orderingKey")))
          .findFirst().orElseThrow(() -> new AssertionError("no dead letter for customer " + customer));
      assertThat(letter.getString("reason")).contains("HTTP 400 from Mailchimp: Invalid Resource")
          .contains("looks fake");
      assertThat(letter.getString("messageType")).isEqualTo("member.changed");
      assertThat(letter.getString("direction")).isEqualTo("OUTBOUND");
    }
  }

  @Test
  @Order(3)
  void aCancelledSyncResumesFromItsCheckpointAwaitingItsPendingBatchThroughA429Storm() {
    for (int i = 0; i < 30; i++) {
      register("resume" + i + "." + run + "@example.com", "GRANTED");
    }
    int operationsBefore = peer.batchOperationCount();
    int batchesBefore = peer.batchCount();
    peer.holdBatchesAfter(2);

    long id = json(postJson(INTEGRATION, SYNCS, "{\"chunkSize\":25}")).getJsonNumber("id").longValue();
    // the third batch is submitted only after the second chunk's checkpoint; it stays pending, polled
    await().atMost(PATIENCE).until(() -> peer.batchCount() - batchesBefore == 3
        && peer.polledStatuses(peer.lastBatchId()).size() > 1);
    assertThat(json(get(INTEGRATION, SYNCS + "/" + id)).getJsonNumber("batches").longValue()).isEqualTo(2);
    JsonObject cancelled = json(postJson(INTEGRATION, SYNCS + "/" + id + "/cancel", ""));
    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    long checkpoint = cancelled.getJsonNumber("lastCustomerId").longValue();
    assertThat(checkpoint).isPositive();
    assertThat(postJson(INTEGRATION, SYNCS + "/" + id + "/cancel", "").statusCode()).isEqualTo(409);

    peer.releaseBatches();
    peer.failNext(4);
    JsonObject resumed = json(postJson(INTEGRATION, SYNCS + "/" + id + "/resume", ""));
    assertThat(resumed.getString("status")).isEqualTo("RUNNING");
    assertThat(resumed.getJsonNumber("lastCustomerId").longValue()).isEqualTo(checkpoint);
    JsonObject done = awaitStatus(id, "COMPLETED");

    assertThat(peer.batchOperationCount() - operationsBefore)
        .as("the pending batch was awaited, nothing before the checkpoint sent again")
        .isEqualTo(done.getJsonNumber("submitted").intValue());
    assertThat(peer.batchCount() - batchesBefore).isEqualTo(done.getJsonNumber("batches").intValue());
    assertThat(peer.requests()).filteredOn(r -> r.endsWith(" 429")).isNotEmpty();
    assertThat(peer.member(LIST, "resume29." + run + "@example.com")).isPresent();
    assertThat(postJson(INTEGRATION, SYNCS + "/" + id + "/resume", "").statusCode()).as("completed").isEqualTo(409);
  }

  private static JsonObject awaitStatus(long id, String status) {
    JsonObject[] last = new JsonObject[1];
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptionsMatching(
        e -> !(e instanceof AssertionError)).until(() -> {
      last[0] = json(get(INTEGRATION, SYNCS + "/" + id));
      if (last[0].getString("status").equals("FAILED") || last[0].getString("status").equals("CANCELLED")) {
        throw new AssertionError("sync ended " + last[0]);
      }
      return last[0].getString("status").equals(status);
    });
    return last[0];
  }

  private long register(String email, String consent) {
    String consents = consent == null ? "[]" : """
        [{"channel":"EMAIL","purpose":"MARKETING","status":"%s","source":"it","decidedAt":"%s"}]"""
        .formatted(consent, Instant.now().minusSeconds(60));
    HttpResponse<String> created = postJson(INTEGRATION, "/crm/api/customers", """
        {"email":"%s","givenName":"Bea","familyName":"Bulk","consents":%s}""".formatted(email, consents));
    assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    return json(created).getJsonNumber("id").longValue();
  }

  // HTTP/1.1: Liberty's HTTP/2 upgrade misbehaves under load (GOAWAY, stalled requests), see the helper notes
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private static HttpResponse<String> get(String user, String path) {
    return send(requestAs(user, path).timeout(Duration.ofSeconds(60)).GET());
  }

  private static HttpResponse<String> postJson(String user, String path, String body) {
    return send(requestAs(user, path).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package org.clientele.crm.camel.email.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clientele.crm.api.email.EmailBulkSync.Candidate;
import org.clientele.crm.api.email.EmailBulkSync.Outcome;
import org.clientele.crm.api.email.EmailBulkSync.Progress;
import org.clientele.crm.api.email.EmailMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A chunk through the batch operations API of the Mailchimp peer: outcomes, compliance, retries, resumption. */
class MailchimpBatchesTest {

  private static final String KEY = "0123456789abcdef-us21";
  private static final String LIST = "a1b2c3";
  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");

  private MailchimpPeer peer;
  private MailchimpSettings settings;

  @BeforeEach
  void start() throws Exception {
    peer = MailchimpPeer.start(0, KEY);
    settings = new MailchimpSettings(KEY, LIST, URI.create(peer.baseUrl()), 3, Duration.ofSeconds(5),
        MailchimpSettings.mergeFields("FNAME:givenName"));
  }

  @AfterEach
  void stop() {
    peer.close();
  }

  private MailchimpBatches batches(int maxRetries) {
    return new MailchimpBatches(settings, new MailchimpClient(settings), new MailchimpBatches.Options(
        Duration.ofMillis(20), maxRetries, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)),
        Clock.systemUTC());
  }

  private static Candidate candidate(long id, String email, String consent, EmailMember known) {
    String consentJson = consent == null ? "null"
        : "{\"status\":\"" + consent + "\",\"decidedAt\":\"" + T1 + "\"}";
    return new Candidate(id, "{\"customerId\":" + id + ",\"email\":\"" + email + "\",\"consent\":" + consentJson
        + ",\"fields\":{\"givenName\":\"N" + id + "\"}}", known);
  }

  /** Records what the sync told it. */
  private static final class Seen implements Progress {
    final List<String> submitted = new ArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();

    @Override
    public void submitted(String batchId) {
      submitted.add(batchId);
    }

    @Override
    public void alive() {
      if (stop.get()) {
        throw new IllegalStateException("stopped");
      }
    }
  }

  @Test
  void aChunkIsOneBatchWhoseResultsSayPerMemberWhatHappenedWithoutResubscribingAnyone() {
    peer.addMember(LIST, "left@example.com", "unsubscribed", T1);
    peer.addMember(LIST, "bounced@example.com", "cleaned", T1);
    List<Candidate> chunk = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      chunk.add(candidate(i, "m" + i + "@example.com", "GRANTED", null));
    }
    chunk.add(candidate(41, "bad1@fake.example", "GRANTED", null));
    chunk.add(candidate(42, "bad2@fake.example", "WITHDRAWN", null));
    chunk.add(candidate(43, "left@example.com", "GRANTED", null));
    chunk.add(candidate(44, "bounced@example.com", "WITHDRAWN", null));
    chunk.add(candidate(45, "nodecision@example.com", null, null));
    chunk.add(candidate(46, "withdrawn@example.com", "WITHDRAWN", null));
    Seen seen = new Seen();

    Map<Long, Outcome> outcomes = batches(3).sync(chunk, null, seen).stream()
        .collect(Collectors.toMap(Outcome::customerId, Function.identity()));

    assertThat(outcomes).hasSize(46);
    assertThat(peer.batchCount()).isEqualTo(1);
    assertThat(peer.batchOperationCount()).as("no operation for the customer without a decision").isEqualTo(45);
    assertThat(seen.submitted).hasSize(1);
    assertThat(peer.polledStatuses(seen.submitted.get(0))).last().isEqualTo("finished");
    assertThat(peer.polledStatuses(seen.submitted.get(0)))
        .allMatch(s -> List.of("pending", "preprocessing", "started", "finalizing", "finished").contains(s));
    assertThat(outcomes.get(1L).result()).isEqualTo(Outcome.SYNCED);
    assertThat(outcomes.get(1L).member().status()).isEqualTo("subscribed");
    assertThat(outcomes.get(1L).member().memberKey()).isEqualTo(MailchimpPeer.hash("m1@example.com"));
    assertThat(peer.member(LIST, "m1@example.com").orElseThrow().mergeFields()).containsEntry("FNAME", "N1");
    assertThat(outcomes.get(41L).result()).isEqualTo(Outcome.FAILED);
    assertThat(outcomes.get(41L).reason()).contains("HTTP 400 from Mailchimp: Invalid Resource")
        .contains("looks fake");
    assertThat(outcomes.get(42L).result()).isEqualTo(Outcome.FAILED);
    assertThat(outcomes.get(43L).member().status()).as("never re-subscribed in bulk").isEqualTo("unsubscribed");
    assertThat(outcomes.get(43L).member().statusAt()).as("counted from Mailchimp's last change: the safe side")
        .isAfter(T1);
    assertThat(peer.member(LIST, "left@example.com").orElseThrow().status()).isEqualTo("unsubscribed");
    assertThat(outcomes.get(44L).result()).as("unsubscribing a cleaned member the CRM did not know: refused")
        .isEqualTo(Outcome.FAILED);
    assertThat(outcomes.get(44L).reason()).contains("Member In Compliance State");
    assertThat(peer.member(LIST, "bounced@example.com").orElseThrow().status()).isEqualTo("cleaned");
    assertThat(outcomes.get(45L).result()).isEqualTo(Outcome.SKIPPED);
    assertThat(peer.member(LIST, "nodecision@example.com")).isEmpty();
    assertThat(outcomes.get(46L).member().status()).isEqualTo("unsubscribed");
    assertThat(outcomes.get(46L).member().statusAt()).isEqualTo(T1);
  }

  @Test
  void aStormOf429IsRiddenOutWithBackoffAndTooLongAStormFailsTheChunk() {
    peer.failNext(4);
    List<Outcome> outcomes = batches(5).sync(List.of(candidate(1, "a@example.com", "GRANTED", null)), null,
        new Seen());
    assertThat(outcomes).singleElement().extracting(Outcome::result).isEqualTo(Outcome.SYNCED);
    assertThat(peer.requests()).filteredOn(r -> r.endsWith(" 429")).hasSize(4);

    peer.failNext(100);
    assertThatThrownBy(() -> batches(2).sync(List.of(candidate(2, "b@example.com", "GRANTED", null)), null,
        new Seen())).hasMessageContaining("HTTP 429").hasMessageContaining("after 2 retries");
  }

  @Test
  void aPendingBatchIsAwaitedAgainNotSubmittedTwice() throws Exception {
    peer.holdBatchesAfter(0);
    Seen first = new Seen();
    List<Candidate> chunk = List.of(candidate(1, "a@example.com", "GRANTED", null),
        candidate(2, "b@example.com", "GRANTED", null));
    CompletableFuture<List<Outcome>> stopped = CompletableFuture.supplyAsync(() -> batches(3).sync(chunk, null, first));
    await().atMost(Duration.ofSeconds(10)).until(() -> !first.submitted.isEmpty());
    assertThat(peer.polledStatuses(first.submitted.get(0))).isNotEmpty().allMatch("pending"::equals);
    first.stop.set(true); // cancelled while waiting
    assertThatThrownBy(stopped::join).hasMessageContaining("stopped");

    peer.releaseBatches();
    Seen second = new Seen();
    List<Outcome> outcomes = batches(3).sync(chunk, first.submitted.get(0), second);
    assertThat(second.submitted).isEmpty();
    assertThat(peer.batchCount()).isEqualTo(1);
    assertThat(outcomes).extracting(Outcome::result).containsOnly(Outcome.SYNCED);
  }

  @Test
  void aBatchGoneAtMailchimpIsSubmittedAgain() {
    Seen seen = new Seen();
    List<Outcome> outcomes = batches(3).sync(List.of(candidate(1, "a@example.com", "GRANTED", null)), "nosuchbatch",
        seen);
    assertThat(seen.submitted).hasSize(1);
    assertThat(outcomes).singleElement().extracting(Outcome::result).isEqualTo(Outcome.SYNCED);
  }

  @Test
  void anEmailChangeGoesToTheMemberAtItsOldAddress() {
    peer.addMember(LIST, "old@example.com", "subscribed", T1);
    EmailMember known = new EmailMember("mailchimp", LIST, 1, "old@example.com", MailchimpPeer.hash("old@example.com"),
        "subscribed", T1, T1, T1);
    List<Outcome> outcomes = batches(3).sync(List.of(candidate(1, "new@example.com", "GRANTED", known)), null,
        new Seen());
    assertThat(outcomes.get(0).member().email()).isEqualTo("new@example.com");
    assertThat(peer.all(LIST)).extracting(MailchimpPeer.Member::email).containsExactly("new@example.com");
  }

  @Test
  void resultArchivesAreReadAsWritten() throws Exception {
    byte[] archive = MailchimpPeer.archive("b1/b1.json", Json.createArrayBuilder()
        .add(Json.createObjectBuilder().add("status_code", 200).add("operation_id", "7").add("response", "{}"))
        .add(Json.createObjectBuilder().add("status_code", 400).add("operation_id", "8").add("response", "{\"title\":\"x\"}"))
        .build());
    Map<String, MailchimpBatchResults.Result> read = MailchimpBatchResults.read(new ByteArrayInputStream(archive));
    assertThat(read).containsOnlyKeys("7", "8");
    assertThat(read.get("8").statusCode()).isEqualTo(400);
    assertThat(read.get("8").response()).isEqualTo("{\"title\":\"x\"}");
  }
}

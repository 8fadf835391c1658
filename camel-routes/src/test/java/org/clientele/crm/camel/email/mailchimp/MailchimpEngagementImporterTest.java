package org.clientele.crm.camel.email.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.email.EngagementCheckpoint;
import org.clientele.crm.api.email.EngagementImportService;
import org.clientele.crm.api.email.EngagementImportStatus;
import org.clientele.crm.api.email.EngagementRunOutcome;
import org.clientele.crm.api.email.EngagementRunResult;
import org.clientele.crm.api.interaction.Direction;
import org.clientele.crm.api.interaction.Interaction;
import org.clientele.crm.api.interaction.InteractionService;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.api.interaction.Recorded;
import org.clientele.crm.api.interaction.TimelinePage;
import org.clientele.crm.api.interaction.TimelineQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The import against the peer's reports: mapping to customers, checkpoints, idempotency, errors, schedule. */
class MailchimpEngagementImporterTest {

  private static final String KEY = "engage0123-us21";
  private static final String LIST = "L1";
  private static final String ANN = "ann@example.com";
  private static final String BOB = "bob@example.com";

  private MailchimpPeer peer;
  private MailchimpReportsPeer reports;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-10-10T12:00:00Z"));
  private final MemoryImports imports = new MemoryImports();
  private final MemoryInteractions interactions = new MemoryInteractions();
  private MailchimpEngagementImporter importer;

  @BeforeEach
  void start() throws Exception {
    peer = MailchimpPeer.start(0, KEY);
    reports = peer.reports();
    MailchimpSettings settings = new MailchimpSettings(KEY, LIST, URI.create(peer.baseUrl()), 3, Duration.ofSeconds(5),
        Map.of());
    EngagementSettings engagement = new EngagementSettings(true, Duration.ofMinutes(15), Duration.ofSeconds(5),
        Duration.ofDays(30), Duration.ofMinutes(10), 2, Duration.ofSeconds(10), Duration.ofMinutes(15));
    importer = new MailchimpEngagementImporter(settings, engagement, new MailchimpClient(settings), imports,
        interactions, clock);
    imports.customers.put(ANN, 1L);
    imports.customers.put(BOB, 2L);
  }

  @AfterEach
  void stop() {
    peer.close();
  }

  @Test
  void activityBecomesInteractionsOfTheRightCustomersOnceAndTheCheckpointResumes() {
    Instant sent = Instant.parse("2026-10-09T09:00:00Z");
    reports.addCampaign("c1", LIST, "Autumn", "Autumn sale", sent);
    reports.addCampaign("other", "L2", "Elsewhere", "Other list", sent);
    reports.addCampaign("old", LIST, "Old", "Too old", sent.minus(Duration.ofDays(40)));
    for (String email : List.of(ANN, BOB, "nobody@example.com")) {
      reports.addRecipient("c1", email, "sent");
    }
    reports.open("c1", ANN, sent.plusSeconds(60));
    reports.click("c1", ANN, sent.plusSeconds(90), "https://shop.example/a");
    reports.bounce("c1", BOB, sent.plusSeconds(5), "soft");
    reports.open("c1", "nobody@example.com", sent.plusSeconds(70));
    reports.unsubscribe("c1", BOB, sent.plusSeconds(120), "Too many emails");
    reports.open("old", ANN, sent.minus(Duration.ofDays(39)));

    EngagementRunResult first = importer.run();
    assertThat(first.outcome()).isEqualTo(EngagementRunOutcome.OK);
    assertThat(first.campaigns()).isEqualTo(1);
    assertThat(first.recorded()).isEqualTo(6); // 2 sends, open, click, bounce, unsubscribe
    assertThat(first.unknown()).isEqualTo(2); // nobody's send and open
    assertThat(interactions.of(1)).extracting(Interaction::type).containsExactlyInAnyOrder(
        InteractionType.CAMPAIGN_SENT, InteractionType.CAMPAIGN_OPENED, InteractionType.CAMPAIGN_CLICKED);
    assertThat(interactions.of(2)).extracting(Interaction::type).containsExactlyInAnyOrder(
        InteractionType.CAMPAIGN_SENT, InteractionType.CAMPAIGN_BOUNCED, InteractionType.UNSUBSCRIBE);
    assertThat(interactions.of(1)).filteredOn(i -> i.type() == InteractionType.CAMPAIGN_OPENED).singleElement()
        .satisfies(i -> {
          assertThat(i.occurredAt()).isEqualTo(sent.plusSeconds(60));
          assertThat(i.direction()).isEqualTo(Direction.INBOUND);
          assertThat(i.attributes()).containsEntry("campaignId", "c1");
        });
    EngagementCheckpoint cp = imports.checkpoints(MailchimpEngagementImporter.PLATFORM, LIST).get(0);
    assertThat(cp.campaignId()).isEqualTo("c1");
    assertThat(cp.sentToDone()).isTrue();
    assertThat(cp.activitySince()).isEqualTo(clock.instant().minus(Duration.ofMinutes(10)));

    // again at once: the overlap re-reads, nothing is recorded twice
    EngagementRunResult again = importer.run();
    assertThat(again.recorded()).isZero();
    assertThat(again.duplicates()).isEqualTo(1); // the unsubscribe (read whole each run); the opens are before since
    assertThat(interactions.count()).isEqualTo(6);

    // new activity after the checkpoint: only it is asked for and recorded
    clock.advance(Duration.ofMinutes(20));
    reports.open("c1", BOB, clock.instant().minusSeconds(30));
    int before = peer.requests().size();
    EngagementRunResult third = importer.run();
    assertThat(third.recorded()).isEqualTo(1);
    assertThat(interactions.of(2)).filteredOn(i -> i.type() == InteractionType.CAMPAIGN_OPENED).hasSize(1);
    assertThat(peer.requests().subList(before, peer.requests().size())).as("sent-to is read once")
        .noneMatch(r -> r.contains("/sent-to"));
  }

  @Test
  void aStormOf429StopsTheRunKeepsTheCheckpointsAndTheNextRunAfterTheBackoffCatchesUp() {
    Instant sent = Instant.parse("2026-10-09T09:00:00Z");
    reports.addCampaign("c1", LIST, "Autumn", "Autumn sale", sent);
    reports.addRecipient("c1", ANN, "sent");
    reports.open("c1", ANN, sent.plusSeconds(60));
    reports.failNext(3);
    EngagementRunResult failed = importer.runIfDue();
    assertThat(failed.outcome()).isEqualTo(EngagementRunOutcome.RETRY);
    assertThat(failed.error()).contains("429").doesNotContain(KEY);
    assertThat(imports.checkpoints(MailchimpEngagementImporter.PLATFORM, LIST)).isEmpty();
    assertThat(importer.runIfDue()).as("not before the backoff").isNull();

    clock.advance(Duration.ofSeconds(10));
    assertThat(importer.runIfDue().outcome()).isEqualTo(EngagementRunOutcome.RETRY);
    clock.advance(Duration.ofSeconds(10));
    assertThat(importer.runIfDue()).as("the second backoff is 20 s").isNull();
    clock.advance(Duration.ofSeconds(10));
    assertThat(importer.runIfDue().outcome()).isEqualTo(EngagementRunOutcome.RETRY);
    clock.advance(Duration.ofSeconds(40));
    EngagementRunResult ok = importer.runIfDue();
    assertThat(ok.outcome()).isEqualTo(EngagementRunOutcome.OK);
    assertThat(ok.recorded()).isEqualTo(2);
    assertThat(importer.runIfDue()).as("next at the period").isNull();

    clock.advance(Duration.ofSeconds(1));
    imports.requestRun(MailchimpEngagementImporter.PLATFORM, LIST);
    assertThat(importer.runIfDue()).as("an operator's request").isNotNull();
    clock.advance(Duration.ofMinutes(15));
    assertThat(importer.runIfDue()).as("the period passed").isNotNull();
  }

  @Test
  void anUnsubscribeTheWebhookRecordedIsNotDoubled() {
    Instant sent = Instant.parse("2026-10-09T09:00:00Z");
    reports.addCampaign("c1", LIST, "Autumn", "Autumn sale", sent);
    Instant unsub = sent.plusSeconds(600);
    reports.unsubscribe("c1", ANN, unsub, null);
    reports.unsubscribe("c1", BOB, unsub, null);
    // the webhook's own interaction for Ann, a second apart, its own key
    interactions.recordAll(List.of(new NewInteraction(1, org.clientele.crm.api.interaction.Channel.EMAIL,
        InteractionType.UNSUBSCRIBE, Direction.INBOUND, unsub.plusSeconds(1), "Unsubscribed in Mailchimp", null,
        Map.of("campaignId", "c1"), null, "MAILCHIMP", "webhook-key", null, null, null)));
    EngagementRunResult result = importer.run();
    assertThat(result.recorded()).isEqualTo(1);
    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(interactions.of(1)).hasSize(1);
    assertThat(interactions.of(2)).hasSize(1);
  }

  @Test
  void aRefusedKeyFailsTheRunAndPagesAreFollowed() throws Exception {
    MailchimpSettings wrong = new MailchimpSettings("wrong-us21", LIST, URI.create(peer.baseUrl()), 3,
        Duration.ofSeconds(5), Map.of());
    EngagementSettings engagement = new EngagementSettings(true, Duration.ofMinutes(15), Duration.ofSeconds(5),
        Duration.ofDays(30), Duration.ofMinutes(10), 2, Duration.ofSeconds(10), Duration.ofMinutes(15));
    EngagementRunResult refused = new MailchimpEngagementImporter(wrong, engagement, new MailchimpClient(wrong),
        imports, interactions, clock).run();
    assertThat(refused.outcome()).isEqualTo(EngagementRunOutcome.FAILED);
    assertThat(refused.error()).contains("401");

    Instant sent = Instant.parse("2026-10-09T09:00:00Z");
    for (int c = 0; c < 3; c++) {
      reports.addCampaign("c" + c, LIST, "C" + c, "S" + c, sent.plusSeconds(c));
      for (int m = 0; m < 5; m++) {
        String email = "m" + m + "@example.com";
        imports.customers.put(email, 10L + m);
        reports.addRecipient("c" + c, email, "sent");
        reports.open("c" + c, email, sent.plusSeconds(100 + m));
      }
    }
    EngagementRunResult all = importer.run(); // pages of 2
    assertThat(all.campaigns()).isEqualTo(3);
    assertThat(all.recorded()).isEqualTo(30);
  }

  // ---- fakes of the CRM's API

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final class MemoryImports implements EngagementImportService {
    final Map<String, Long> customers = new LinkedHashMap<>();
    final Map<String, EngagementCheckpoint> checkpoints = new LinkedHashMap<>();
    Instant requestedAt;
    Instant started;
    EngagementRunResult last;
    int failures;

    @Override
    public EngagementImportStatus status(String platform, String audience) {
      EngagementRunOutcome outcome = started != null && (last == null || started.isAfter(last.finishedAt()))
          ? EngagementRunOutcome.RUNNING : last == null ? null : last.outcome();
      return new EngagementImportStatus(platform, audience, requestedAt, started, outcome, failures, last, 0, 0, 0,
          0, 0, checkpoints(platform, audience));
    }

    @Override
    public EngagementImportStatus requestRun(String platform, String audience) {
      requestedAt = clock.instant();
      return status(platform, audience);
    }

    @Override
    public void runStarted(String platform, String audience, Instant at) {
      started = at;
    }

    @Override
    public void runFinished(String platform, String audience, EngagementRunResult result) {
      last = result;
      started = result.startedAt();
      boolean failed = result.outcome() == EngagementRunOutcome.RETRY
          || result.outcome() == EngagementRunOutcome.FAILED;
      failures = failed ? failures + 1 : 0;
    }

    @Override
    public List<EngagementCheckpoint> checkpoints(String platform, String audience) {
      return checkpoints.values().stream().sorted(Comparator.comparing(EngagementCheckpoint::sendTime)).toList();
    }

    @Override
    public void saveCheckpoint(String platform, String audience, EngagementCheckpoint checkpoint) {
      checkpoints.put(checkpoint.campaignId(), checkpoint);
    }

    @Override
    public int forgetCampaignsSentBefore(String platform, String audience, Instant cutoff) {
      int before = checkpoints.size();
      checkpoints.values().removeIf(c -> c.sendTime().isBefore(cutoff));
      return before - checkpoints.size();
    }

    @Override
    public Optional<Long> customerOf(String platform, String audience, String memberKey, String email) {
      return customers.entrySet().stream().filter(e -> MailchimpPeer.hash(e.getKey()).equals(memberKey))
          .map(Map.Entry::getValue).findFirst();
    }
  }

  static final class MemoryInteractions implements InteractionService {
    private final Map<String, Interaction> byKey = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public Recorded record(NewInteraction n) {
      return recordAll(List.of(n)).get(0);
    }

    @Override
    public synchronized List<Recorded> recordAll(List<NewInteraction> batch) {
      if (batch.size() > 500) {
        throw new IllegalArgumentException("at most 500");
      }
      List<Recorded> result = new ArrayList<>();
      for (NewInteraction n : batch) {
        if (n.customerId() > 1000) {
          throw new ResourceNotFoundException("Customer", n.customerId());
        }
        String key = n.sourceSystem() + "/" + n.sourceEventId();
        Interaction known = byKey.get(key);
        if (known != null) {
          result.add(new Recorded(known, false));
          continue;
        }
        Interaction i = new Interaction(ids.incrementAndGet(), n.customerId(), n.channel(), n.type(), n.direction(),
            n.occurredAt(), n.subject(), n.summary(), n.attributes(), n.agent(), n.sourceSystem(), n.sourceEventId(),
            Instant.now(), null);
        byKey.put(key, i);
        result.add(new Recorded(i, true));
      }
      return result;
    }

    @Override
    public synchronized TimelinePage timeline(long customerId, TimelineQuery q) {
      return new TimelinePage(byKey.values().stream().filter(i -> i.customerId() == customerId)
          .filter(i -> q.types().isEmpty() || q.types().contains(i.type()))
          .filter(i -> q.from() == null || !i.occurredAt().isBefore(q.from()))
          .filter(i -> q.to() == null || i.occurredAt().isBefore(q.to())).limit(q.limit()).toList(), null);
    }

    synchronized List<Interaction> of(long customerId) {
      return byKey.values().stream().filter(i -> i.customerId() == customerId).toList();
    }

    synchronized int count() {
      return byKey.size();
    }
  }
}

package org.clientele.crm.camel.email.mailchimp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.clientele.crm.api.CrmException;
import org.clientele.crm.api.email.EngagementCheckpoint;
import org.clientele.crm.api.email.EngagementImportService;
import org.clientele.crm.api.email.EngagementImportStatus;
import org.clientele.crm.api.email.EngagementRunOutcome;
import org.clientele.crm.api.email.EngagementRunResult;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Interaction;
import org.clientele.crm.api.interaction.InteractionService;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.api.interaction.Recorded;
import org.clientele.crm.api.interaction.TimelineQuery;
import org.clientele.crm.camel.email.mailchimp.EngagementMapping.Activity;
import org.clientele.crm.camel.email.mailchimp.EngagementMapping.Campaign;
import org.clientele.crm.camel.email.mailchimp.MailchimpClient.Response;

/**
 * Imports campaign engagement from Mailchimp's reports API as interactions. One run: the audience's campaigns sent
 * within the lookback ({@code GET /reports?since_send_time=}), and for each its activity since the checkpoint
 * ({@code /reports/{id}/email-activity?since=}), once its recipients ({@code /sent-to}) and its unsubscribes
 * ({@code /unsubscribed}, which has no {@code since}: read whole each run, the repeats are duplicates), all paged
 * with {@code count}/{@code offset}; then the campaign's checkpoint moves to the run's start minus the overlap.
 *
 * <p>{@link #runIfDue()} is the single entry point of the schedule: safe to call on several servers at once (the
 * recording is idempotent per activity and a checkpoint only ever moves to a time the run had covered), so a
 * leader lease can wrap it later without changing it. Errors: 429, 5xx, a bare 403 and network failures stop the
 * run ({@code RETRY}): the checkpoints of finished campaigns stay, and the next run comes after a doubling backoff;
 * another 4xx on a campaign's report skips that campaign (counted, its checkpoint kept: {@code PARTIAL}); on the
 * campaign list (401 wrong key, 403 ...) the run is {@code FAILED} and the next is at the normal period. Requests
 * go through the shared {@link MailchimpClient}, within {@code max-connections}. Logs carry campaign ids and counts,
 * never addresses.
 */
public class MailchimpEngagementImporter {

  public static final String PLATFORM = "mailchimp";

  private static final Logger LOG = Logger.getLogger(MailchimpEngagementImporter.class.getName());
  private static final int RECORD_BATCH = 500;
  /** An unsubscribe the webhook recorded within this of the report's time is the same one. */
  static final Duration WEBHOOK_TWIN = Duration.ofSeconds(60);

  /** A report request the platform refused for good (a 4xx other than overload). */
  static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    RefusedException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private static final class Counters {
    int campaigns;
    long recorded;
    long duplicates;
    long unknown;
    long errors;
  }

  private final MailchimpSettings settings;
  private final EngagementSettings engagement;
  private final MailchimpClient client;
  private final EngagementImportService imports;
  private final InteractionService interactions;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();

  public MailchimpEngagementImporter(MailchimpSettings settings, EngagementSettings engagement,
      MailchimpClient client, EngagementImportService imports, InteractionService interactions, Clock clock) {
    this.settings = settings;
    this.engagement = engagement;
    this.client = client;
    this.imports = imports;
    this.interactions = interactions;
    this.clock = clock;
  }

  /** Runs when due (see {@link #due}); null when not due or already running in this server. */
  public EngagementRunResult runIfDue() {
    EngagementImportStatus status = imports.status(PLATFORM, settings.listId());
    if (!due(status, clock.instant(), engagement)) {
      return null;
    }
    return run();
  }

  /**
   * Due when never run, when an operator asked for a run after the last one started, when the period passed since
   * the last run (or the backoff, after a run stopped by overload), or when a run seems abandoned (started a period
   * ago and never finished: the server stopped).
   */
  static boolean due(EngagementImportStatus status, Instant now, EngagementSettings engagement) {
    Instant started = status.lastStartedAt();
    if (started == null) {
      return true;
    }
    if (status.requestedAt() != null && status.requestedAt().isAfter(started)) {
      return true;
    }
    if (status.lastOutcome() == EngagementRunOutcome.RUNNING || status.last() == null) {
      return !started.plus(engagement.period()).isAfter(now);
    }
    Duration wait = status.lastOutcome() == EngagementRunOutcome.RETRY
        ? engagement.backoff(status.consecutiveFailures()) : engagement.period();
    Instant base = status.last().finishedAt() != null ? status.last().finishedAt() : started;
    return !base.plus(wait).isAfter(now);
  }

  /** One run now (unless one is running in this server: null). */
  public EngagementRunResult run() {
    if (!running.compareAndSet(false, true)) {
      return null;
    }
    try {
      return doRun();
    } finally {
      running.set(false);
    }
  }

  private EngagementRunResult doRun() {
    String list = settings.listId();
    Instant started = clock.instant();
    imports.runStarted(PLATFORM, list, started);
    Counters n = new Counters();
    EngagementRunOutcome outcome;
    String error = null;
    try {
      Instant cutoff = started.minus(engagement.lookback());
      List<Campaign> campaigns = campaigns(cutoff);
      Map<String, EngagementCheckpoint> checkpoints = new HashMap<>();
      imports.checkpoints(PLATFORM, list).forEach(c -> checkpoints.put(c.campaignId(), c));
      for (Campaign campaign : campaigns) {
        try {
          importCampaign(campaign, checkpoints.get(campaign.id()), started, n);
          n.campaigns++;
        } catch (RefusedException e) {
          n.errors++;
          LOG.warning(() -> "Engagement import: Mailchimp refused the reports of campaign " + campaign.id() + ": "
              + e.getMessage() + "; skipped, its checkpoint kept");
        }
      }
      imports.forgetCampaignsSentBefore(PLATFORM, list, cutoff);
      outcome = n.errors > 0 ? EngagementRunOutcome.PARTIAL : EngagementRunOutcome.OK;
    } catch (MailchimpUnavailableException e) {
      outcome = EngagementRunOutcome.RETRY;
      error = e.getMessage();
    } catch (IOException e) {
      outcome = EngagementRunOutcome.RETRY;
      error = "Mailchimp unreachable: " + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = EngagementRunOutcome.RETRY;
      error = "interrupted";
    } catch (RefusedException e) {
      outcome = EngagementRunOutcome.FAILED;
      error = e.getMessage();
    } catch (RuntimeException e) {
      outcome = EngagementRunOutcome.RETRY;
      error = "Import failed: " + e.getClass().getSimpleName();
      LOG.log(Level.WARNING, "Engagement import failed; retried after a backoff", e);
    }
    EngagementRunResult result = new EngagementRunResult(started, clock.instant(), outcome, error, n.campaigns,
        n.recorded, n.duplicates, n.unknown, n.errors);
    imports.runFinished(PLATFORM, list, result);
    if (outcome == EngagementRunOutcome.OK || outcome == EngagementRunOutcome.PARTIAL) {
      LOG.fine(() -> "Engagement import " + result);
    } else {
      LOG.warning(() -> "Engagement import " + result.outcome() + ": " + result.error());
    }
    return result;
  }

  /** The audience's campaigns sent since the cutoff (other audiences' are skipped). */
  List<Campaign> campaigns(Instant cutoff) throws MailchimpUnavailableException, RefusedException, IOException,
      InterruptedException {
    List<Campaign> campaigns = new ArrayList<>();
    pages("/reports", "reports", Map.of("since_send_time", EngagementMapping.format(cutoff)), report -> {
      Campaign c = EngagementMapping.campaign(report);
      if (c != null && settings.listId().equals(c.listId()) && !c.sendTime().isBefore(cutoff)) {
        campaigns.add(c);
      }
      return null;
    });
    return campaigns;
  }

  private void importCampaign(Campaign campaign, EngagementCheckpoint checkpoint, Instant started, Counters n)
      throws MailchimpUnavailableException, RefusedException, IOException, InterruptedException {
    String base = "/reports/" + URLEncoder.encode(campaign.id(), StandardCharsets.UTF_8);
    Instant since = checkpoint == null ? null : checkpoint.activitySince();
    boolean sentToDone = checkpoint != null && checkpoint.sentToDone();
    Map<String, String> query = since == null ? Map.of() : Map.of("since", EngagementMapping.format(since));
    Map<String, Optional<Long>> customers = new HashMap<>();

    List<Activity> page = new ArrayList<>();
    pagesOf(base + "/email-activity", "emails", query, email -> page.addAll(EngagementMapping.activities(campaign,
        email)), () -> flush(page, campaign, customers, n));
    if (!sentToDone) {
      pagesOf(base + "/sent-to", "sent_to", Map.of(), recipient -> add(page, EngagementMapping.sent(campaign,
          recipient)), () -> flush(page, campaign, customers, n));
      sentToDone = true;
    }
    pagesOf(base + "/unsubscribed", "unsubscribes", Map.of(), entry -> add(page,
        EngagementMapping.unsubscribed(campaign, entry)), () -> flush(page, campaign, customers, n));

    Instant next = started.minus(engagement.overlap());
    if (since != null && since.isAfter(next)) {
      next = since; // never backwards
    }
    imports.saveCheckpoint(PLATFORM, settings.listId(), new EngagementCheckpoint(campaign.id(), campaign.title(),
        campaign.sendTime(), next, sentToDone, clock.instant()));
  }

  private static void add(List<Activity> page, Activity activity) {
    if (activity != null) {
      page.add(activity);
    }
  }

  /** Records a page's activities (each once) and empties it. */
  private void flush(List<Activity> page, Campaign campaign, Map<String, Optional<Long>> customers, Counters n) {
    List<NewInteraction> batch = new ArrayList<>();
    for (Activity a : page) {
      Optional<Long> customer = customers.computeIfAbsent(a.memberKey(),
          k -> imports.customerOf(PLATFORM, settings.listId(), k, a.email()));
      if (customer.isEmpty()) {
        n.unknown++;
        continue;
      }
      if (a.type() == InteractionType.UNSUBSCRIBE && recordedByWebhook(customer.get(), a)) {
        n.duplicates++;
        continue;
      }
      batch.add(a.toInteraction(customer.get(), campaign));
    }
    page.clear();
    for (int from = 0; from < batch.size(); from += RECORD_BATCH) {
      record(batch.subList(from, Math.min(batch.size(), from + RECORD_BATCH)), n);
    }
  }

  private void record(List<NewInteraction> batch, Counters n) {
    List<Recorded> results;
    try {
      results = interactions.recordAll(batch);
    } catch (CrmException e) {
      // a customer erased meanwhile fails its batch: record one by one, skipping whoever is gone
      results = new ArrayList<>();
      for (NewInteraction one : batch) {
        try {
          results.add(interactions.record(one));
        } catch (CrmException gone) {
          n.unknown++;
        }
      }
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Recorded r : results) {
      if (r.created() && seen.add(r.interaction().sourceEventId())) {
        n.recorded++;
      } else {
        n.duplicates++;
      }
    }
  }

  /**
   * Whether this unsubscribe is already on the customer's timeline: imported before, or recorded by the webhook
   * (its own key, within {@link #WEBHOOK_TWIN} of the report's time, the same campaign if the webhook named one).
   */
  private boolean recordedByWebhook(long customerId, Activity a) {
    try {
      List<Interaction> near = interactions.timeline(customerId, new TimelineQuery(Set.of(Channel.EMAIL),
          Set.of(InteractionType.UNSUBSCRIBE), a.occurredAt().minus(WEBHOOK_TWIN),
          a.occurredAt().plus(WEBHOOK_TWIN).plusSeconds(1), null, 20)).items();
      return near.stream().anyMatch(i -> EngagementMapping.SOURCE_SYSTEM.equals(i.sourceSystem())
          && !a.key().equals(i.sourceEventId())
          && (i.attributes().get("campaignId") == null || i.attributes().get("campaignId").equals(a.campaignId())));
    } catch (CrmException e) {
      return false; // the customer is gone: recording fails and counts it
    }
  }

  // ---- paged GETs

  private interface Page {
    void flush();
  }

  private interface Each {
    void accept(JsonObject item);
  }

  private void pagesOf(String path, String array, Map<String, String> query, Each each, Page done)
      throws MailchimpUnavailableException, RefusedException, IOException, InterruptedException {
    pages(path, array, query, item -> {
      each.accept(item);
      return null;
    }, done);
  }

  private void pages(String path, String array, Map<String, String> query, Function<JsonObject, Void> each)
      throws MailchimpUnavailableException, RefusedException, IOException, InterruptedException {
    pages(path, array, query, each, () -> {});
  }

  /** Every item of a paged collection, {@code page-size} at a time; {@code done} after each page. */
  private void pages(String path, String array, Map<String, String> query, Function<JsonObject, Void> each,
      Page done) throws MailchimpUnavailableException, RefusedException, IOException, InterruptedException {
    int offset = 0;
    while (true) {
      Map<String, String> params = new LinkedHashMap<>(query);
      params.put("count", Integer.toString(engagement.pageSize()));
      params.put("offset", Integer.toString(offset));
      StringBuilder url = new StringBuilder(path);
      char sep = '?';
      for (Map.Entry<String, String> p : params.entrySet()) {
        url.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        sep = '&';
      }
      JsonObject body = get(url.toString());
      JsonArray items = body.containsKey(array) && body.get(array).getValueType() == JsonValue.ValueType.ARRAY
          ? body.getJsonArray(array) : JsonValue.EMPTY_JSON_ARRAY;
      for (JsonValue v : items) {
        if (v instanceof JsonObject o) {
          each.apply(o);
        }
      }
      done.flush();
      offset += items.size();
      long total = body.containsKey("total_items") && body.get("total_items").getValueType()
          == JsonValue.ValueType.NUMBER ? body.getJsonNumber("total_items").longValue() : -1;
      if (items.isEmpty() || (total >= 0 && offset >= total) || (total < 0 && items.size() < engagement.pageSize())) {
        return;
      }
    }
  }

  private JsonObject get(String path) throws MailchimpUnavailableException, RefusedException, IOException,
      InterruptedException {
    Response response = client.get(path);
    int status = response.status();
    String call = "GET " + path.replaceAll("\\?.*", "");
    if (response.ok()) {
      try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
        return reader.readObject();
      } catch (RuntimeException e) {
        throw new MailchimpUnavailableException(call + ": unreadable answer from Mailchimp");
      }
    }
    JsonObject problem = null;
    if (response.contentType().contains("json") && response.body() != null && !response.body().isBlank()) {
      try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
        problem = reader.readObject();
      } catch (RuntimeException e) {
        problem = null;
      }
    }
    if (status == 429 || status >= 500 || (status == 403 && problem == null)) {
      throw new MailchimpUnavailableException(call + ": HTTP " + status + " from Mailchimp");
    }
    throw new RefusedException(status, call + ": HTTP " + status + " from Mailchimp"
        + (problem == null ? "" : ": " + problem.getString("title", "")));
  }
}

package org.clientele.crm.camel.email.mailchimp;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.clientele.crm.api.email.EmailBulkSync.Candidate;
import org.clientele.crm.api.email.EmailBulkSync.Outcome;
import org.clientele.crm.api.email.EmailBulkSync.Progress;
import org.clientele.crm.api.email.EmailMember;
import org.clientele.crm.camel.email.MemberMessage;
import org.clientele.crm.camel.email.mailchimp.MailchimpClient.Response;

/**
 * A chunk of members through Mailchimp's batch operations: {@code POST /batches} with one
 * {@code PUT /lists/{list}/members/{hash}} operation per member (operation id = the customer id; the body the
 * per-member path would send, with the status {@link MemberStatusRule#decideBulk} allows), then
 * {@code GET /batches/{id}} every {@code poll} until {@code finished}, then the gzipped tar of results at
 * {@code response_body_url}: per operation a 2xx (the member as Mailchimp answered: recorded) or an error with
 * Mailchimp's problem detail (a dead letter). 429, 5xx, a bare 403 and network errors of these calls are retried
 * with exponential backoff (Mailchimp sends no Retry-After), up to {@code max-retries} in a row; then, or on any
 * other answer, the chunk fails with the reason (the sync becomes FAILED, resumable). Calls to the API go
 * through the shared {@link MailchimpClient} (its cap on requests in flight); the result file is a signed
 * storage URL, fetched without the API key.
 */
public class MailchimpBatches {

  /**
   * {@code crm.email.mailchimp.initial-sync.*}: how often a batch is polled, the retries of overload answers and
   * network errors, and the result download's timeout.
   */
  public record Options(Duration poll, int maxRetries, Duration retryDelay, Duration maxRetryDelay,
      Duration downloadTimeout) {

    public static final String PREFIX = MailchimpSettings.PREFIX + "initial-sync.";

    public static Options from(Function<String, java.util.Optional<String>> config) {
      return new Options(Duration.parse(config.apply(PREFIX + "poll").orElse("PT5S")),
          Integer.parseInt(config.apply(PREFIX + "max-retries").orElse("10")),
          Duration.parse(config.apply(PREFIX + "retry-delay").orElse("PT1S")),
          Duration.parse(config.apply(PREFIX + "max-retry-delay").orElse("PT1M")),
          Duration.parse(config.apply(PREFIX + "download-timeout").orElse("PT10M")));
    }
  }

  private final MailchimpSettings settings;
  private final MailchimpClient client;
  private final Options options;
  private final HttpClient downloads;
  private final Clock clock;
  private final MailchimpMemberAdapter bodies;

  public MailchimpBatches(MailchimpSettings settings, MailchimpClient client, Options options, Clock clock) {
    this.settings = settings;
    this.client = client;
    this.options = options;
    this.clock = clock;
    this.downloads = HttpClient.newBuilder().connectTimeout(settings.timeout())
        .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.bodies = new MailchimpMemberAdapter(settings, client, null, clock);
  }

  /** What one member's operation is: the message, the decision and the hash it goes to. */
  private record Planned(Candidate candidate, MemberMessage message, MemberStatusRule.Decision decision) {}

  public List<Outcome> sync(List<Candidate> members, String pendingBatch, Progress progress) {
    String list = settings.listId();
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, Planned> planned = new HashMap<>();
    JsonArrayBuilder operations = Json.createArrayBuilder();
    for (Candidate c : members) {
      MemberMessage m;
      try {
        m = MemberMessage.parse(c.memberChanged());
      } catch (Exception e) {
        outcomes.add(new Outcome(c.customerId(), Outcome.FAILED, null, e.getMessage()));
        continue;
      }
      EmailMember known = c.known();
      MemberStatusRule.Decision decision = MemberStatusRule.decideBulk(m.consentStatus(), m.consentDecidedAt(),
          known == null ? null : known.status(), known == null ? null : known.statusAt(), known != null);
      if (!decision.send()) {
        outcomes.add(new Outcome(c.customerId(), Outcome.SKIPPED, null, null));
        continue;
      }
      // an email change not yet synced goes to the member at its old address, as on the per-member path
      String hash = known != null ? known.memberKey() : MailchimpMemberAdapter.subscriberHash(m.email());
      String id = Long.toString(c.customerId());
      planned.put(id, new Planned(c, m, decision));
      operations.add(Json.createObjectBuilder().add("method", "PUT")
          .add("path", "/lists/" + list + "/members/" + hash)
          .add("operation_id", id)
          .add("body", bodies.body(m, decision).build().toString()));
    }
    if (planned.isEmpty()) {
      return outcomes;
    }
    String batch = pendingBatch;
    JsonObject state = null;
    if (batch != null) {
      String earlier = batch;
      Response polled = call(() -> client.get("/batches/" + earlier), "GET batch", progress, true);
      if (polled.status() == 404) {
        batch = null; // gone (Mailchimp keeps batches for a while): submitted again, the PUTs are upserts
      } else {
        state = json(polled.body());
      }
    }
    if (batch == null) {
      String body = Json.createObjectBuilder().add("operations", operations).build().toString();
      Response submitted = call(() -> client.post("/batches", body), "POST batches", progress, false);
      state = json(submitted.body());
      batch = state.getString("id");
      progress.submitted(batch);
    }
    while (!"finished".equals(state.getString("status", ""))) {
      sleep(options.poll().toMillis(), progress);
      String id = batch;
      state = json(call(() -> client.get("/batches/" + id), "GET batch", progress, false).body());
    }
    Map<String, MailchimpBatchResults.Result> results = download(state, progress);
    Instant now = clock.instant();
    for (Map.Entry<String, Planned> e : planned.entrySet()) {
      Planned p = e.getValue();
      MailchimpBatchResults.Result r = results.get(e.getKey());
      long customer = p.candidate().customerId();
      if (r == null) {
        outcomes.add(new Outcome(customer, Outcome.FAILED, null, "PUT member (batch " + batch
            + "): no result for the operation"));
      } else if (r.statusCode() >= 200 && r.statusCode() < 300) {
        outcomes.add(new Outcome(customer, Outcome.SYNCED, member(p, r.response(), now), null));
      } else {
        Exception failure = MailchimpMemberAdapter.failure(new Response(r.statusCode(), r.response(),
            "application/problem+json"), "PUT member (batch " + batch + ")");
        outcomes.add(new Outcome(customer, Outcome.FAILED, null, failure.getMessage()));
      }
    }
    return outcomes;
  }

  /** The member as answered, with when its status began, as the per-member path records it. */
  private EmailMember member(Planned p, String response, Instant now) {
    JsonObject member = json(response);
    MemberMessage m = p.message();
    EmailMember known = p.candidate().known();
    String email = member.getString("email_address", m.email());
    String status = member.getString("status", null);
    Instant lastChanged = lastChanged(member);
    Instant statusAt;
    if (p.decision().status() != null && p.decision().status().equals(status)) {
      statusAt = m.consentDecidedAt();
    } else if (known != null && status != null && status.equals(known.status())
        && lastChanged != null && lastChanged.equals(known.changedAt())) {
      statusAt = known.statusAt();
    } else {
      // unknown since when (an existing member's status was not read first): counted from last_changed, the
      // safe side — a CRM opt-in must be newer than that to re-subscribe
      statusAt = lastChanged;
    }
    return new EmailMember(MailchimpMemberAdapter.PLATFORM, settings.listId(), p.candidate().customerId(), email,
        MailchimpMemberAdapter.subscriberHash(email), status, statusAt, lastChanged, now);
  }

  private Map<String, MailchimpBatchResults.Result> download(JsonObject state, Progress progress) {
    String url = state.getString("response_body_url", "");
    if (url.isBlank()) {
      throw new IllegalStateException("Mailchimp batch " + state.getString("id", "") + " finished without results");
    }
    int failures = 0;
    while (true) {
      progress.alive();
      try {
        HttpResponse<InputStream> response = downloads.send(HttpRequest.newBuilder(URI.create(url))
            .timeout(options.downloadTimeout()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
          if (response.statusCode() == 200) {
            return MailchimpBatchResults.read(body);
          }
          if (response.statusCode() < 500 && response.statusCode() != 429) {
            throw new IllegalStateException("Mailchimp batch results: HTTP " + response.statusCode());
          }
          failures = retry(failures, "batch results: HTTP " + response.statusCode(), progress);
        }
      } catch (IOException e) {
        failures = retry(failures, "batch results: " + e.getClass().getSimpleName(), progress);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted");
      }
    }
  }

  @FunctionalInterface
  private interface Call {
    Response send() throws IOException, InterruptedException;
  }

  /** One API call with the retries of overload answers; 404 passes through when asked. */
  private Response call(Call call, String what, Progress progress, boolean notFoundOk) {
    int failures = 0;
    while (true) {
      progress.alive();
      Response response;
      try {
        response = call.send();
      } catch (IOException e) {
        failures = retry(failures, what + ": " + e.getClass().getSimpleName(), progress);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted");
      }
      if (response.ok() || (notFoundOk && response.status() == 404)) {
        return response;
      }
      Exception failure = MailchimpMemberAdapter.failure(response, what);
      if (failure instanceof MailchimpUnavailableException) {
        failures = retry(failures, failure.getMessage(), progress);
        continue;
      }
      throw new IllegalStateException(failure.getMessage());
    }
  }

  private int retry(int failures, String what, Progress progress) {
    int n = failures + 1;
    if (n > options.maxRetries()) {
      throw new IllegalStateException(what + " (after " + options.maxRetries() + " retries)");
    }
    sleep(backoff(n, options.retryDelay(), options.maxRetryDelay()), progress);
    return n;
  }

  /** {@code first · 2^(n-1)} up to {@code max}. */
  static long backoff(int n, Duration first, Duration max) {
    long millis = first.toMillis() << Math.min(20, n - 1);
    return Math.min(millis, max.toMillis());
  }

  /** Waits in steps of at most a second, staying alive (a cancel stops the wait). */
  private static void sleep(long millis, Progress progress) {
    long end = System.currentTimeMillis() + millis;
    while (true) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(left, 1000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted");
      }
      progress.alive();
    }
  }

  private static JsonObject json(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Mailchimp answered something that is not a JSON object");
    }
  }

  private static Instant lastChanged(JsonObject member) {
    String at = member.getString("last_changed", null);
    if (at == null || at.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(at).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }
}

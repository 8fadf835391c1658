package org.clientele.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.clientele.crm.api.email.EmailBulkSync;
import org.clientele.crm.api.email.EmailBulkSync.Candidate;
import org.clientele.crm.api.email.EmailBulkSync.Outcome;
import org.clientele.crm.api.email.EmailMember;
import org.clientele.crm.api.email.EmailMemberRegistry;
import org.clientele.crm.camel.email.MemberMessage;
import org.clientele.crm.camel.email.mailchimp.MailchimpBatches;
import org.clientele.crm.camel.email.mailchimp.MailchimpClient;
import org.clientele.crm.camel.email.mailchimp.MailchimpMemberAdapter;
import org.clientele.crm.camel.email.mailchimp.MailchimpPeer;
import org.clientele.crm.camel.email.mailchimp.MailchimpSettings;

/**
 * Issue 8: the initial sync of an audience against the Mailchimp test peer, started in-process on loopback, in
 * one run: (1) the peer's own maximum, a plain HTTP/1.1 client PUTting members at 10 concurrent connections (no
 * CRM code); (2) the per-member path, {@link MailchimpMemberAdapter} (what the outbox relay runs per message) at
 * 10 threads through one {@link MailchimpClient} capped at 10 connections; (3) the batch API,
 * {@link MailchimpBatches} (what the initial sync runs per chunk) in chunks of {@code --chunk} members, one batch
 * at a time as the sync does. Each phase gets its own addresses, so every member is new. The CRM's side of the sync
 * (walking the customers, building the messages, recording the answers in crm_email_member, the checkpoints) is
 * not in this figure: see docs/performance.md.
 */
public final class MailchimpSyncBenchmark {

  private static final String KEY = "bench0123456789abcdef-us21";
  private static final String LIST = "benchlist";

  public static void main(String[] args) throws Exception {
    int members = intArg(args, "--members", 100_000);
    int chunk = intArg(args, "--chunk", 1000);
    int connections = intArg(args, "--connections", 10);
    try (MailchimpPeer peer = MailchimpPeer.start(0, KEY)) {
      MailchimpSettings settings = new MailchimpSettings(KEY, LIST, URI.create(peer.baseUrl()), connections,
          Duration.ofSeconds(60), MailchimpSettings.mergeFields(MailchimpSettings.DEFAULT_MERGE_FIELDS));
      System.out.println("Warm-up (2,000 members through each path)...");
      plain(peer, "warm-plain", 2_000, connections);
      perMember(settings, "warm-member", 2_000, connections);
      batches(settings, "warm-batch", 2_000, chunk);

      double plain = plain(peer, "plain", members, connections);
      double perMember = perMember(settings, "member", members, connections);
      double batch = batches(settings, "batch", members, chunk);
      System.out.printf("%nMembers: %,d (each phase new addresses), %d connections, batch chunks of %,d%n", members,
          connections, chunk);
      System.out.printf("peer maximum (plain PUT, %d connections):      %,10.0f members/s%n", connections, plain);
      System.out.printf("per-member path (adapter, %d connections):     %,10.0f members/s  (%.2f of the peer)%n",
          connections, perMember, perMember / plain);
      System.out.printf("batch API (POST /batches, poll, tar.gz):      %,10.0f members/s  (%.2f of the peer)%n",
          batch, batch / plain);
      System.out.printf("peer holds %,d members%n", peer.all(LIST).size());
    }
  }

  /** A plain client: PUT member bodies, as many at once as connections. */
  private static double plain(MailchimpPeer peer, String prefix, int n, int connections) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String auth = "Basic " + Base64.getEncoder().encodeToString(("bench:" + KEY).getBytes(StandardCharsets.UTF_8));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    run(connections, () -> {
      int i;
      while ((i = next.getAndIncrement()) < n) {
        String email = prefix + i + "@example.com";
        String body = "{\"email_address\":\"" + email + "\",\"status_if_new\":\"subscribed\",\"merge_fields\":"
            + "{\"FNAME\":\"Given" + i + "\",\"LNAME\":\"Family\",\"PHONE\":\"\"},\"language\":\"de\"}";
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(peer.baseUrl() + "/lists/" + LIST
            + "/members/" + MailchimpPeer.hash(email))).header("Authorization", auth)
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
          failed.incrementAndGet();
        }
      }
      return null;
    });
    return rate(prefix, n, failed.get(), start);
  }

  /** The per-member path: the adapter the relay runs, at as many threads as connections. */
  private static double perMember(MailchimpSettings settings, String prefix, int n, int connections)
      throws Exception {
    MailchimpMemberAdapter adapter = new MailchimpMemberAdapter(settings, new MailchimpClient(settings),
        new MemoryRegistry(), Clock.systemUTC());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    run(connections, () -> {
      int i;
      while ((i = next.getAndIncrement()) < n) {
        try {
          adapter.memberChanged(MemberMessage.parse(message(i, prefix + i + "@example.com")));
        } catch (Exception e) {
          failed.incrementAndGet();
        }
      }
      return null;
    });
    return rate(prefix, n, failed.get(), start);
  }

  /** The batch API, one chunk after the other as the initial sync runs them. */
  private static double batches(MailchimpSettings settings, String prefix, int n, int chunk) {
    MailchimpBatches batches = new MailchimpBatches(settings, new MailchimpClient(settings),
        new MailchimpBatches.Options(Duration.ofMillis(50), 10, Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofMinutes(10)), Clock.systemUTC());
    EmailBulkSync.Progress progress = new EmailBulkSync.Progress() {
      @Override
      public void submitted(String batchId) {}

      @Override
      public void alive() {}
    };
    int failed = 0;
    long start = System.nanoTime();
    for (int from = 0; from < n; from += chunk) {
      List<Candidate> candidates = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + chunk); i++) {
        candidates.add(new Candidate(i + 1, message(i, prefix + i + "@example.com"), null));
      }
      for (Outcome o : batches.sync(candidates, null, progress)) {
        if (!Outcome.SYNCED.equals(o.result())) {
          failed++;
        }
      }
    }
    return rate(prefix, n, failed, start);
  }

  private static String message(int i, String email) {
    return "{\"customerId\":" + (i + 1) + ",\"email\":\"" + email + "\",\"language\":\"de-DE\",\"consent\":"
        + "{\"status\":\"GRANTED\",\"decidedAt\":\"2026-01-01T10:00:00Z\"},\"fields\":{\"givenName\":\"Given" + i
        + "\",\"familyName\":\"Family\"}}";
  }

  private static double rate(String what, int n, int failed, long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("  %-12s %,d members in %.1f s (%d failed)%n", what, n, seconds, failed);
    return n / seconds;
  }

  private interface Work {
    Void call() throws Exception;
  }

  private static void run(int threads, Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(work::call));
      }
      for (Future<Void> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The members the adapter records, in memory (the CRM's table is not part of this figure). */
  private static final class MemoryRegistry implements EmailMemberRegistry {
    private final Map<Long, EmailMember> members = new ConcurrentHashMap<>();

    @Override
    public Optional<EmailMember> find(String platform, String audience, long customerId) {
      return Optional.ofNullable(members.get(customerId));
    }

    @Override
    public void record(EmailMember member) {
      members.put(member.customerId(), member);
    }

    @Override
    public void forget(String platform, String audience, long customerId) {
      members.remove(customerId);
    }
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1].replace("_", ""));
      }
    }
    return fallback;
  }
}

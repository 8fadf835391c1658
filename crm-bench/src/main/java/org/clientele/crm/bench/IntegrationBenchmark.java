package org.clientele.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 6: inbound ERP customer messages per second through JMS into the CRM, against the CRM's own batch API
 * ({@code POST /customers/batch}) in the same run, and the outbox relay's throughput and lag under that load.
 *
 * <p>Needs a server on PostgreSQL with the outbox and its relay on, and the feeder WAR ({@code crm-bench/feeder},
 * the host ERP's side: it sends {@code customer.master} messages in-process and listens to the customer-changes
 * topic) in its dropins; {@code --dropins DIR} copies it there. See docs/performance.md for the commands.
 */
public final class IntegrationBenchmark {

  private static final String APPLIED = "crm_erp_customer_messages_total";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String auth;
  private final String feeder;

  private IntegrationBenchmark(String base, String user) {
    this.base = base;
    this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    this.feeder = base + "/crm-bench-feeder";
  }

  public static void main(String[] args) throws Exception {
    int customers = intArg(args, "--customers", 20_000);
    int batch = intArg(args, "--batch", 500);
    int threads = intArg(args, "--threads", 2);
    int feedBatch = intArg(args, "--feed-batch", 100);
    String base = stringArg(args, "--url", "http://localhost:9080");
    String jdbc = stringArg(args, "--jdbc", "jdbc:postgresql://127.0.0.1:5432/test");
    String dropins = stringArg(args, "--dropins", null);
    String schema = stringArg(args, "--schema", null);
    String war = stringArg(args, "--feeder-war", FeederWar.DEFAULT_WAR);
    String run = Long.toString(System.currentTimeMillis(), 36);
    IntegrationBenchmark bench = new IntegrationBenchmark(base, stringArg(args, "--user", "integration"));

    FeederWar.deploy(bench.http, bench.feeder + "/changes", dropins, war);
    bench.post(bench.feeder + "/changes?action=start", "");

    System.out.println("Warm-up (2,000 through each path)...");
    bench.restBatches("warm-" + run, 2_000, batch, threads);
    bench.jms("warmj" + run, 2_000, feedBatch);
    bench.drainOutbox(Duration.ofMinutes(3));

    double jdbcRate = RegistrationBenchmark.jdbcBaseline(jdbc, "base-" + run, customers, 500);

    // (1) the CRM's own batch API
    int fromRest = bench.changesCount();
    long restStart = System.currentTimeMillis();
    double restSeconds = bench.restBatches("rest" + run, customers, batch, threads);
    Relay restRelay = bench.relayUntilDrained(fromRest, restStart, Duration.ofMinutes(5));

    // (2) the same number of new customers through JMS, (3) the relay meanwhile
    int fromJms = bench.changesCount();
    long jmsStart = System.currentTimeMillis();
    Jms jms = bench.jms("jms" + run, customers, feedBatch);
    Relay jmsRelay = bench.relayUntilDrained(fromJms, jmsStart, Duration.ofMinutes(5));
    // (4) the relay alone: a backlog of as many messages, written straight into the outbox, drained
    Relay drain = null;
    if (schema != null) {
      int fromDrain = bench.changesCount();
      long drainStart = backlog(jdbc, schema, "drain" + run, customers);
      drain = bench.relayUntilDrained(fromDrain, drainStart, Duration.ofMinutes(5));
    }
    bench.post(bench.feeder + "/changes?action=stop", "");

    double restRate = customers / restSeconds;
    double jmsRate = customers / jms.appliedSeconds;
    System.out.printf(Locale.ROOT, "%nIntegration benchmark (issue 6), %,d customers per path, %d cores%n", customers,
        Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "| figure | value | ratio |%n|---|---|---|%n");
    System.out.printf(Locale.ROOT, "| raw JDBC batched insert (profile + key, batches of 500), customers/s | %.0f | — |%n",
        jdbcRate);
    System.out.printf(Locale.ROOT, "| REST POST /customers/batch (%d per request, %d threads), customers/s | %.0f | %.3f of JDBC |%n",
        batch, threads, restRate, restRate / jdbcRate);
    System.out.printf(Locale.ROOT, "| JMS customer.master, sent (feeder, %d per commit), messages/s | %.0f | — |%n",
        feedBatch, customers / jms.sentSeconds);
    System.out.printf(Locale.ROOT, "| JMS customer.master, applied (erp-customers-in), messages/s | %.0f | %.3f of batch API |%n",
        jmsRate, jmsRate / restRate);
    System.out.printf(Locale.ROOT, "| max outbox backlog during JMS ingest (crm_outbox_pending) | %.0f | — |%n", jms.maxPending);
    System.out.printf(Locale.ROOT, "| max outbox lag during JMS ingest (crm_outbox_lag_seconds) | %.0f s | — |%n", jms.maxLag);
    restRelay.print("after the batch API");
    jmsRelay.print("during/after JMS ingest");
    if (drain != null) {
      drain.print("draining a backlog written by JDBC");
    }
  }

  /**
   * Writes {@code count} customer.changed messages of a typical size for target erp, one ordering key each, into
   * the server's outbox in one transaction; returns the commit time (epoch ms), which is also their occurredAt.
   */
  private static long backlog(String url, String schema, String prefix, int count) throws SQLException {
    try (Connection c = DriverManager.getConnection(url + "?reWriteBatchedInserts=true", "postgres", "")) {
      c.setAutoCommit(false);
      Instant now = Instant.now();
      String filler = "x".repeat(600); // a profile's JSON is of this order
      try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".crm_outbox (target, message_type,"
          + " ordering_key, payload, created_at, attempts, next_attempt_at) VALUES ('erp', 'customer.changed', ?, ?, ?, 0, ?)")) {
        Timestamp at = Timestamp.from(now);
        for (int i = 0; i < count; i++) {
          s.setString(1, prefix + "-" + i);
          s.setString(2, "{\"messageId\":\"" + prefix + "-" + i + "\",\"messageType\":\"customer.changed\","
              + "\"customerId\":-1,\"occurredAt\":\"" + now + "\",\"customer\":{\"note\":\"" + filler + "\"}}");
          s.setTimestamp(3, at);
          s.setTimestamp(4, at);
          s.addBatch();
        }
        s.executeBatch();
      }
      c.commit();
      return now.toEpochMilli();
    }
  }

  /** Registers {@code count} new people in batches over {@code threads} connections; returns the seconds taken. */
  private double restBatches(String prefix, int count, int batch, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int first = next.getAndAdd(batch); first < count; first = next.getAndAdd(batch)) {
          StringBuilder body = new StringBuilder("[");
          for (int i = first; i < Math.min(first + batch, count); i++) {
            body.append(i == first ? "" : ",").append("{\"identities\":[{\"system\":\"ERP\",\"externalId\":\"")
                .append(prefix).append('-').append(i).append("\"}],\"givenName\":\"Given").append(i)
                .append("\",\"familyName\":\"Family").append(i).append("\",\"email\":\"").append(prefix).append('.')
                .append(i).append("@bench.example\",\"tags\":[\"bench\"]}");
          }
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/crm/api/customers/batch"))
              .header("Authorization", auth).header("Content-Type", "application/json")
              .timeout(Duration.ofMinutes(2))
              .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
              HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            throw new IllegalStateException("Batch failed: " + response.statusCode() + " " + response.body());
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    return (System.nanoTime() - start) / 1e9;
  }

  private record Jms(double sentSeconds, double appliedSeconds, double maxPending, double maxLag) {}

  /** Feeds {@code count} messages and polls the applied counter until all are applied. */
  private Jms jms(String seed, int count, int feedBatch) throws Exception {
    double appliedBefore = counter(APPLIED, "outcome=\"applied\"");
    double failedBefore = counter("crm_dead_letters_parked", "system=\"erp\"");
    long start = System.nanoTime();
    CompletableFuture<Double> sending = CompletableFuture.supplyAsync(() -> {
      try {
        post(feeder + "/feed?count=" + count + "&seed=" + seed + "&batch=" + feedBatch, "");
        return (System.nanoTime() - start) / 1e9;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    double maxPending = 0;
    double maxLag = 0;
    long lastProgress = System.nanoTime();
    double last = 0;
    while (true) {
      String metrics = metrics();
      double applied = counter(metrics, APPLIED, "outcome=\"applied\"") - appliedBefore;
      maxPending = Math.max(maxPending, counter(metrics, "crm_outbox_pending", "target=\"erp\""));
      maxLag = Math.max(maxLag, counter(metrics, "crm_outbox_lag_seconds", "target=\"erp\""));
      if (applied >= count) {
        break;
      }
      if (applied > last) {
        last = applied;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > 60e9) {
        throw new IllegalStateException("JMS ingest stalled at " + applied + " of " + count + " (dead letters parked: "
            + (counter(metrics, "crm_dead_letters_parked", "system=\"erp\"") - failedBefore) + ")");
      }
      Thread.sleep(200);
    }
    double appliedSeconds = (System.nanoTime() - start) / 1e9;
    return new Jms(sending.get(), appliedSeconds, maxPending, maxLag);
  }

  private void drainOutbox(Duration limit) throws Exception {
    long deadline = System.currentTimeMillis() + limit.toMillis();
    Thread.sleep(6_000); // the gauges are cached for 5 s
    while (counter(metrics(), "crm_outbox_pending", "target=\"erp\"") > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("The outbox did not drain; is the relay on (CRM_ERP_CUSTOMER_CHANGES_OUT_ENABLED)?");
      }
      Thread.sleep(1_000);
    }
  }

  /** The outbox messages the feeder's listener received from index {@code from}, once the outbox is empty. */
  private Relay relayUntilDrained(int from, long phaseStart, Duration limit) throws Exception {
    drainOutbox(limit);
    Thread.sleep(2_000); // the last pass's messages in flight
    List<String> lines = get(feeder + "/changes?from=" + from).lines().skip(1).toList();
    int n = lines.size();
    long[] lags = new long[n];
    long[] relayLags = new long[n];
    long first = Long.MAX_VALUE;
    long lastReceived = 0;
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i).split(",");
      long received = Long.parseLong(f[0]);
      lags[i] = received - Long.parseLong(f[1]);
      relayLags[i] = Long.parseLong(f[2]) - Long.parseLong(f[1]);
      first = Math.min(first, received);
      lastReceived = Math.max(lastReceived, received);
    }
    Arrays.sort(lags);
    Arrays.sort(relayLags);
    return new Relay(n, (lastReceived - phaseStart) / 1000.0, n == 0 ? 0 : (lastReceived - first) / 1000.0, lags,
        relayLags);
  }

  private record Relay(int messages, double sincePhaseStart, double firstToLast, long[] lags, long[] relayLags) {
    void print(String when) {
      System.out.printf(Locale.ROOT,
          "| relay %s: %,d messages, delivered per second (first to last receive) | %.0f | %.1f s after phase start |%n",
          when, messages, messages / Math.max(firstToLast, 0.001), sincePhaseStart);
      System.out.printf(Locale.ROOT, "| relay %s: lag received − occurredAt p50 / p99 / max | %s / %s / %s s | — |%n",
          when, seconds(pct(lags, 0.50)), seconds(pct(lags, 0.99)), seconds(pct(lags, 1.0)));
      System.out.printf(Locale.ROOT, "| relay %s: of which until sent (JMSTimestamp − occurredAt) p50 / p99 | %s / %s s | — |%n",
          when, seconds(pct(relayLags, 0.50)), seconds(pct(relayLags, 0.99)));
    }
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
  }

  private int changesCount() throws Exception {
    return Integer.parseInt(get(feeder + "/changes?from=2147483647").lines().findFirst().orElse("0").strip());
  }

  private String metrics() throws Exception {
    return get(base + "/metrics?scope=application");
  }

  private double counter(String name, String label) throws Exception {
    return counter(metrics(), name, label);
  }

  private static double counter(String metrics, String name, String label) {
    return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private String post(String url, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static int intArg(String[] args, String name, int fallback) {
    return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
  }

  private static String stringArg(String[] args, String name, String fallback) {
    int at = Arrays.asList(args).indexOf(name);
    return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
  }
}

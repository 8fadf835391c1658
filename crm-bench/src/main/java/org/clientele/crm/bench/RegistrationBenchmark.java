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
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Customer registration throughput through a running Clientele (REST, as an integration would call it),
 * with 1 and 2 client threads, against the baseline: a raw batched JDBC insert of the same rows
 * (profile row plus email match key) into tables of the same shape in the same PostgreSQL, in the same run.
 *
 * <p>Run against a server on PostgreSQL (see docs/performance.md):
 * {@code mvn -q -pl crm-bench exec:java -Dexec.args="--customers 2000"}.
 */
public final class RegistrationBenchmark {

  private RegistrationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int customers = intArg(args, "--customers", 2000);
    String base = stringArg(args, "--url", "http://localhost:9080");
    String jdbc = stringArg(args, "--jdbc", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = stringArg(args, "--user", "integration");
    String run = Long.toString(System.currentTimeMillis(), 36);

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));

    // Warm-up: JIT, connection pools, statement caches.
    register(http, base, auth, "warm-" + run, 300, 2);

    double baseline = jdbcBaseline(jdbc, "base-" + run, customers, 500);
    double perRowCommit = jdbcBaseline(jdbc, "row-" + run, customers, 1);
    double oneThread = register(http, base, auth, "t1-" + run, customers, 1);
    double twoThreads = register(http, base, auth, "t2-" + run, customers, 2);
    double upserts = register(http, base, auth, "t1-" + run, customers, 1); // the same people again: all matches

    System.out.printf(Locale.ROOT, "%nRegistration benchmark, %d customers per figure, %d cores%n", customers,
        Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "| figure | per second | ratio to baseline |%n|---|---|---|%n");
    System.out.printf(Locale.ROOT, "| baseline: raw batched JDBC insert (profile + key) | %.0f | 1.00 |%n", baseline);
    System.out.printf(Locale.ROOT, "| raw JDBC, one transaction per customer | %.0f | %.3f |%n", perRowCommit,
        perRowCommit / baseline);
    System.out.printf(Locale.ROOT, "| register new, 1 thread (REST) | %.0f | %.3f |%n", oneThread, oneThread / baseline);
    System.out.printf(Locale.ROOT, "| register new, 2 threads (REST) | %.0f | %.3f |%n", twoThreads, twoThreads / baseline);
    System.out.printf(Locale.ROOT, "| upsert existing by email, 1 thread (REST) | %.0f | %.3f |%n", upserts, upserts / baseline);
  }

  /** Registers {@code count} new people over {@code threads} connections; returns registrations per second. */
  private static double register(HttpClient http, String base, String auth, String prefix, int count, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          String body = "{\"identities\":[{\"system\":\"BENCH\",\"externalId\":\"%s-%d\"}],\"givenName\":\"Given%d\","
              .formatted(prefix, i, i)
              + "\"familyName\":\"Family%d\",\"email\":\"%s.%d@bench.example\",\"tags\":[\"bench\"]}".formatted(i, prefix, i);
          HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/crm/api/customers"))
              .header("Authorization", auth).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build();
          try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
              failures.incrementAndGet();
            }
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " registrations failed: is the server running on " + base + "?");
    }
    return count / seconds;
  }

  /**
   * Inserts the same shape of rows with plain JDBC into a scratch schema, committing every {@code batch}
   * customers (500: bulk ingest; 1: one transaction per registration); returns customers per second.
   */
  static double jdbcBaseline(String url, String prefix, int count, int batch) throws SQLException {
    try (Connection c = DriverManager.getConnection(url + "?reWriteBatchedInserts=true", "postgres", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS crm_bench_baseline CASCADE");
        s.execute("CREATE SCHEMA crm_bench_baseline");
        s.execute("CREATE TABLE crm_bench_baseline.customer (id BIGINT PRIMARY KEY, version BIGINT NOT NULL,"
            + " given_name VARCHAR(200), family_name VARCHAR(200), email VARCHAR(320), status VARCHAR(10) NOT NULL,"
            + " lifecycle_stage VARCHAR(20) NOT NULL, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL)");
        s.execute("CREATE TABLE crm_bench_baseline.match_key (customer_id BIGINT NOT NULL, kind VARCHAR(10) NOT NULL,"
            + " key_value VARCHAR(320) NOT NULL, PRIMARY KEY (kind, key_value))");
      }
      c.setAutoCommit(false);
      long start = System.nanoTime();
      try (PreparedStatement customer = c.prepareStatement("INSERT INTO crm_bench_baseline.customer VALUES (?,1,?,?,?,'ACTIVE','LEAD',?,?)");
          PreparedStatement key = c.prepareStatement("INSERT INTO crm_bench_baseline.match_key VALUES (?, 'EMAIL', ?)")) {
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < count; i++) {
          String email = prefix + "." + i + "@bench.example";
          customer.setLong(1, i + 1);
          customer.setString(2, "Given" + i);
          customer.setString(3, "Family" + i);
          customer.setString(4, email);
          customer.setTimestamp(5, now);
          customer.setTimestamp(6, now);
          customer.addBatch();
          key.setLong(1, i + 1);
          key.setString(2, email);
          key.addBatch();
          if ((i + 1) % batch == 0) {
            customer.executeBatch();
            key.executeBatch();
            c.commit();
          }
        }
        customer.executeBatch();
        key.executeBatch();
      }
      c.commit();
      double seconds = (System.nanoTime() - start) / 1e9;
      try (Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA crm_bench_baseline CASCADE");
      }
      c.commit();
      return count / seconds;
    }
  }

  private static int intArg(String[] args, String name, int fallback) {
    return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
  }

  private static String stringArg(String[] args, String name, String fallback) {
    int at = Arrays.asList(args).indexOf(name);
    return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
  }
}

package org.clientele.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Issue 9: bulk ingest through the CRM's batch APIs against raw batched JDBC writing the same rows, in one run on
 * one PostgreSQL: (1) new customers through {@code POST /crm/api/customers/batch} (500 per request, 2 client
 * threads by default) against a JDBC writer inserting, per customer, exactly the rows the CRM writes for it (the
 * profile, its identity, its email match key, its tag, its consent and the two audit rows) into copies of the CRM's
 * tables (same columns, indexes and foreign keys), 500 customers per transaction, plus the naive "profile + email
 * key" figure of RegistrationBenchmark for reference; (2) interactions through {@code POST
 * /crm/api/interactions/batch} (500 per request) for the customers of (1) against JDBC inserting the same
 * {@code crm_interaction} rows, 500 per transaction. The rows each path wrote (per table, from
 * {@code pg_stat_user_tables}) are printed, with the index and sequential scans per element: the server's reads.
 * Each path runs once more with {@code Prefer: return=minimal} and, with the feeder WAR deployed ({@code --dropins
 * DIR} copies it), with the same elements through the local EJB views in the server, as a host application calls
 * them. Rounds alternate all of these with the baselines.
 *
 * <p>See docs/performance.md, "Ingest (issue 9)", for the command.
 */
public final class IngestBenchmark {

  private static final String INGEST_TIMING = "/crm-bench-feeder/ingest-timing";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String auth;
  private final String jdbc;
  private final String schema;
  /** Whether batches ask for no results ({@code Prefer: return=minimal}, answered with 204). */
  private boolean minimal;

  private IngestBenchmark(String base, String user, String jdbc, String schema) {
    this.base = base;
    this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    this.jdbc = jdbc;
    this.schema = schema;
  }

  public static void main(String[] args) throws Exception {
    int customers = intArg(args, "--customers", 20_000);
    int interactions = intArg(args, "--interactions", 100_000);
    int batch = intArg(args, "--batch", 500);
    int threads = intArg(args, "--threads", 2);
    int warmup = intArg(args, "--warmup", 10_000);
    String parts = stringArg(args, "--parts", "customers,interactions");
    IngestBenchmark bench = new IngestBenchmark(stringArg(args, "--url", "http://localhost:9080"),
        stringArg(args, "--user", "integration"), stringArg(args, "--jdbc", "jdbc:postgresql://127.0.0.1:5432/test"),
        stringArg(args, "--schema", "clientele_bench"));
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<String> rows = new ArrayList<>();
    // Through the local EJB views as well, in the server (the feeder WAR), when it is or can be deployed.
    String dropins = stringArg(args, "--dropins", null);
    boolean inServer = dropins != null || FeederWar.answers(bench.http, bench.base + INGEST_TIMING);
    if (inServer) {
      FeederWar.deploy(bench.http, bench.base + INGEST_TIMING, dropins,
          stringArg(args, "--feeder-war", FeederWar.DEFAULT_WAR));
    }

    // Warm-up: JIT, pools, statement caches, on both sides.
    bench.postCustomers("w" + run, warmup, batch, threads);
    bench.customerBaseline("w" + run, warmup, batch);
    if (inServer) {
      bench.inServer("customers", "", "u" + run, warmup, batch, threads);
    }
    if (parts.contains("interactions")) {
      long[] warmIds = bench.customerIds("w" + run);
      bench.postInteractions("w" + run, warmIds, warmup, batch, threads);
      bench.interactionBaseline("w" + run, warmIds, warmup, batch);
      if (inServer) {
        bench.inServer("interactions", "w" + run, "v" + run, warmup, batch, threads);
      }
    }
    if (!java.util.Arrays.asList(args).contains("--no-analyze")) {
      bench.analyzeWithoutAutovacuum();
    }

    // Rounds alternate the server's paths and the baseline, so that drift on a shared machine (JIT, GC, other
    // load) reaches both; the table gives medians and each round's ratio.
    int rounds = intArg(args, "--rounds", 3);
    if (parts.contains("customers")) {
      Rounds full = new Rounds();
      Rounds minimal = new Rounds();
      Rounds viewInServer = new Rounds();
      Map<String, long[]> written = bench.rounds(rounds, full, minimal, viewInServer,
          r -> bench.postCustomers("c" + run + r, customers, batch, threads),
          r -> bench.postCustomers("m" + run + r, customers, batch, threads),
          r -> inServer ? bench.inServer("customers", "", "s" + run + r, customers, batch, threads) : 0,
          r -> bench.customerBaseline("b" + run + r, customers, batch));
      double naive = RegistrationBenchmark.jdbcBaseline(bench.jdbc, "n" + run, customers, batch);
      rows.add(full.row("customers/s: POST /customers/batch (%d per request, %d threads) vs raw JDBC of the same rows"
          .formatted(batch, threads)));
      rows.add(minimal.row("customers/s: the same with Prefer: return=minimal (no results answered)"));
      if (inServer) {
        rows.add(viewInServer.row("customers/s: the same elements through CustomerService.registerAll, the local EJB"
            + " view, in the server (no HTTP)"));
      }
      rows.add(new Rounds().add(full.ours(), naive).row(
          "customers/s: the same (median) vs raw JDBC of profile + email key only (naive)"));
      printWritten("customers", customers, written);
    }
    if (parts.contains("interactions")) {
      String customersOf = parts.contains("customers") ? "c" + run + 0 : "w" + run;
      long[] ids = bench.customerIds(customersOf);
      Rounds full = new Rounds();
      Rounds minimal = new Rounds();
      Rounds viewInServer = new Rounds();
      Map<String, long[]> written = bench.rounds(rounds, full, minimal, viewInServer,
          r -> bench.postInteractions("i" + run + r, ids, interactions, batch, threads),
          r -> bench.postInteractions("k" + run + r, ids, interactions, batch, threads),
          r -> inServer ? bench.inServer("interactions", customersOf, "e" + run + r, interactions, batch, threads) : 0,
          r -> bench.interactionBaseline("j" + run + r, ids, interactions, batch));
      rows.add(full.row(("interactions/s: POST /interactions/batch (%d per request, %d threads) vs raw JDBC of the"
          + " same rows").formatted(batch, threads)));
      rows.add(minimal.row("interactions/s: the same with Prefer: return=minimal (no results answered)"));
      if (inServer) {
        rows.add(viewInServer.row("interactions/s: the same elements through InteractionService.recordAll, the local"
            + " EJB view, in the server (no HTTP)"));
      }
      printWritten("interactions", interactions, written);
    }
    System.out.printf(Locale.ROOT, "%nIngest benchmark: %,d customers, %,d interactions, %d rounds, %d cores%n",
        customers, interactions, rounds, Runtime.getRuntime().availableProcessors());
    System.out.println("| figure | ours (median) | baseline (median) | ratio of medians | ratio per round |\n"
        + "|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /** One measurement of a round: elements per second; its argument is the round, for unique keys. */
  private interface Measurement {
    double perSecond(int round) throws Exception;
  }

  /**
   * Runs the rounds of one part: the batch endpoint with full answers, the same with {@code Prefer: return=minimal},
   * the in-server call, then the baseline; returns what the first round's endpoint run wrote (table statistics).
   */
  private Map<String, long[]> rounds(int rounds, Rounds full, Rounds minimalAnswers, Rounds viewInServer,
      Measurement endpoint, Measurement endpointMinimal, Measurement inServer, Measurement baseline)
      throws Exception {
    Map<String, long[]> written = null;
    for (int r = 0; r < rounds; r++) {
      Map<String, long[]> before = r == 0 ? tableStats() : null;
      double ours = endpoint.perSecond(r);
      if (r == 0) {
        written = delta(before);
      }
      minimal = true;
      double oursMinimal;
      try {
        oursMinimal = endpointMinimal.perSecond(r);
      } finally {
        minimal = false;
      }
      double oursInServer = inServer.perSecond(r);
      double base = baseline.perSecond(r);
      full.add(ours, base);
      minimalAnswers.add(oursMinimal, base);
      viewInServer.add(oursInServer, base);
    }
    return written;
  }

  /** Throughputs of the rounds of one figure, each with the baseline of its round. */
  private static final class Rounds {
    private final List<Double> ours = new ArrayList<>();
    private final List<Double> baselines = new ArrayList<>();

    Rounds add(double oursPerSecond, double baselinePerSecond) {
      ours.add(oursPerSecond);
      baselines.add(baselinePerSecond);
      return this;
    }

    double ours() {
      return median(ours);
    }

    String row(String figure) {
      StringBuilder perRound = new StringBuilder();
      for (int i = 0; i < ours.size(); i++) {
        perRound.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", ours.get(i) / baselines.get(i)));
      }
      return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f | %s |", figure, median(ours), median(baselines),
          median(ours) / median(baselines), perRound);
    }

    private static double median(List<Double> values) {
      List<Double> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }

  private static void printWritten(String what, int count, Map<String, long[]> written) {
    System.out.printf(Locale.ROOT, "%nWhat the server did for %,d %s (pg_stat_user_tables), per element:%n", count, what);
    System.out.println("| table | rows inserted | rows updated | index scans | sequential scans |\n|---|---|---|---|---|");
    written.forEach((table, d) -> {
      if (d[0] + d[1] + d[2] + d[3] > 0) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", table, d[0] / (double) count,
            d[1] / (double) count, d[2] / (double) count, d[3] / (double) count);
      }
    });
  }

  // ---- the CRM's batch APIs

  private static String customerJson(String prefix, int i) {
    return ("{\"identities\":[{\"system\":\"INGEST\",\"externalId\":\"%1$s-%2$d\"}],\"givenName\":\"Given%2$d\","
        + "\"familyName\":\"Family%2$d\",\"email\":\"%1$s.%2$d@ingest.example\",\"tags\":[\"ingest\"],"
        + "\"consents\":[{\"channel\":\"EMAIL\",\"purpose\":\"MARKETING\",\"status\":\"GRANTED\",\"source\":\"ingest\","
        + "\"decidedAt\":\"2026-01-01T00:00:00Z\"}]}").formatted(prefix, i);
  }

  private static String interactionJson(String prefix, long customerId, int i) {
    return ("{\"customerId\":%d,\"channel\":\"EMAIL\",\"type\":\"CAMPAIGN_OPENED\",\"direction\":\"INBOUND\","
        + "\"occurredAt\":\"2026-01-01T10:00:00Z\",\"subject\":\"Newsletter %d\",\"attributes\":{\"campaignId\":\"c%d\"},"
        + "\"sourceSystem\":\"INGEST\",\"sourceEventId\":\"%s-%d\"}").formatted(customerId, i % 12, i % 12, prefix, i);
  }

  private double postCustomers(String prefix, int count, int batch, int threads) throws Exception {
    return post("/crm/api/customers/batch", count, batch, threads, i -> customerJson(prefix, i));
  }

  /**
   * The feeder's {@code ingest-timing}: the same customers or touchpoints the batch endpoints get here, through the
   * local EJB view in the server; elements per second of the service calls.
   */
  private double inServer(String kind, String customersOf, String prefix, int count, int batch, int threads)
      throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + INGEST_TIMING + "?kind=" + kind
            + "&customers=" + customersOf + "&prefix=" + prefix + "&count=" + count + "&batch=" + batch + "&threads="
            + threads))
        .timeout(Duration.ofMinutes(10)).header("Authorization", auth)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ingest-timing answered " + response.statusCode() + ": " + response.body());
    }
    try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(response.body()))) {
      return count / reader.readObject().getJsonNumber("seconds").doubleValue();
    }
  }

  private double postInteractions(String prefix, long[] ids, int count, int batch, int threads) throws Exception {
    return post("/crm/api/interactions/batch", count, batch, threads,
        i -> interactionJson(prefix, ids[i % ids.length], i));
  }

  /** Posts {@code count} elements in batches over {@code threads} connections; returns elements per second. */
  private double post(String path, int count, int batch, int threads, IntFunction<String> element) throws Exception {
    int batches = (count + batch - 1) / batch;
    List<String> bodies = new ArrayList<>(batches);
    for (int b = 0; b < batches; b++) {
      StringBuilder body = new StringBuilder("[");
      for (int i = b * batch; i < Math.min(count, (b + 1) * batch); i++) {
        body.append(i == b * batch ? "" : ",").append(element.apply(i));
      }
      bodies.add(body.append(']').toString());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
          HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofMinutes(5)).header("Authorization", auth).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(bodies.get(b)));
          if (minimal) {
            request.header("Prefer", "return=minimal");
          }
          HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != (minimal ? 204 : 200)) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
          }
        }
        return null;
      }));
    }
    try {
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private long[] customerIds(String prefix) throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT customer_id FROM " + schema
        + ".crm_customer_identity WHERE source_system = 'INGEST' AND external_id LIKE ? ORDER BY customer_id")) {
      s.setString(1, prefix + "-%");
      List<Long> ids = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
      return ids.stream().mapToLong(Long::longValue).toArray();
    }
  }

  // ---- the baselines: the same rows by raw batched JDBC into copies of the CRM's tables

  private static final String COPY = "crm_ingest_baseline";

  /** Copies of the server's tables (columns, defaults, indexes, unique keys) with the same foreign keys. */
  private void copyTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + COPY + " CASCADE");
      s.execute("CREATE SCHEMA " + COPY);
      for (String table : List.of("crm_customer", "crm_customer_identity", "crm_customer_match_key",
          "crm_customer_tag", "crm_consent", "crm_audit_event", "crm_interaction")) {
        s.execute("CREATE TABLE " + COPY + "." + table + " (LIKE " + schema + "." + table + " INCLUDING ALL)");
      }
      for (String child : List.of("crm_customer_identity", "crm_customer_match_key", "crm_customer_tag",
          "crm_consent")) {
        s.execute("ALTER TABLE " + COPY + "." + child + " ADD FOREIGN KEY (customer_id) REFERENCES " + COPY
            + ".crm_customer (id)");
      }
      // interactions belong to the server's customers, as the CRM's do
      s.execute("ALTER TABLE " + COPY + ".crm_interaction ADD FOREIGN KEY (customer_id) REFERENCES " + schema
          + ".crm_customer (id)");
    }
  }

  /**
   * Per customer, the rows the CRM writes for {@link #customerJson}: the profile (every column EclipseLink writes),
   * the identity, the email match key, the tag, the consent, and two audit events (customer.registered and
   * consent.recorded); {@code batch} customers per transaction.
   */
  private double customerBaseline(String prefix, int count, int batch) throws SQLException {
    try (Connection c = connect()) {
      copyTables(c);
      c.setAutoCommit(false);
      Timestamp now = Timestamp.from(Instant.now());
      Timestamp decided = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
      long start = System.nanoTime();
      try (PreparedStatement customer = c.prepareStatement("INSERT INTO " + COPY + ".crm_customer (id, version,"
              + " given_name, family_name, given_name_key, family_name_key, full_name_key, email, email_local, phone,"
              + " birth_date, language, address_line1, address_line2, postal_code, city, region, country,"
              + " lifecycle_stage, status, merged_into_id, erased_at, created_at, attention_reason, attention_since,"
              + " updated_at) VALUES (?,1,?,?,?,?,?,?,?,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'LEAD','ACTIVE',"
              + "NULL,NULL,?,NULL,NULL,?)");
          PreparedStatement identity = c.prepareStatement("INSERT INTO " + COPY
              + ".crm_customer_identity (customer_id, source_system, external_id) VALUES (?, 'INGEST', ?)");
          PreparedStatement key = c.prepareStatement("INSERT INTO " + COPY
              + ".crm_customer_match_key (customer_id, kind, key_value) VALUES (?, 'EMAIL', ?)");
          PreparedStatement tag = c.prepareStatement("INSERT INTO " + COPY
              + ".crm_customer_tag (customer_id, tag) VALUES (?, 'ingest')");
          PreparedStatement consent = c.prepareStatement("INSERT INTO " + COPY + ".crm_consent (id, customer_id,"
              + " channel, purpose, status, source, decided_at, evidence, recorded_at)"
              + " VALUES (?, ?, 'EMAIL', 'MARKETING', 'GRANTED', 'ingest', ?, NULL, ?)");
          PreparedStatement audit = c.prepareStatement("INSERT INTO " + COPY + ".crm_audit_event (id, occurred_at,"
              + " actor, action, entity_type, entity_id, detail) VALUES (?, ?, 'integration', ?, 'Customer', ?, ?)")) {
        long auditId = 0;
        for (int i = 0; i < count; i++) {
          long id = i + 1;
          String given = "Given" + i;
          String family = "Family" + i;
          String email = prefix + "." + i + "@ingest.example";
          customer.setLong(1, id);
          customer.setString(2, given);
          customer.setString(3, family);
          customer.setString(4, given.toLowerCase(Locale.ROOT));
          customer.setString(5, family.toLowerCase(Locale.ROOT));
          customer.setString(6, (given + " " + family).toLowerCase(Locale.ROOT));
          customer.setString(7, email);
          customer.setString(8, email.substring(0, email.indexOf('@')));
          customer.setTimestamp(9, now);
          customer.setTimestamp(10, now);
          customer.addBatch();
          identity.setLong(1, id);
          identity.setString(2, prefix + "-" + i);
          identity.addBatch();
          key.setLong(1, id);
          key.setString(2, email);
          key.addBatch();
          tag.setLong(1, id);
          tag.addBatch();
          consent.setLong(1, id);
          consent.setLong(2, id);
          consent.setTimestamp(3, decided);
          consent.setTimestamp(4, now);
          consent.addBatch();
          for (String[] event : new String[][] {{"customer.registered", null},
              {"consent.recorded", "EMAIL/MARKETING=GRANTED"}}) {
            audit.setLong(1, ++auditId);
            audit.setTimestamp(2, now);
            audit.setString(3, event[0]);
            audit.setString(4, String.valueOf(id));
            audit.setString(5, event[1]);
            audit.addBatch();
          }
          if ((i + 1) % batch == 0 || i + 1 == count) {
            for (PreparedStatement s : List.of(customer, identity, key, tag, consent, audit)) {
              s.executeBatch();
            }
            c.commit();
          }
        }
      }
      return count / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The {@code crm_interaction} rows the CRM writes for {@link #interactionJson}, {@code batch} per transaction. */
  private double interactionBaseline(String prefix, long[] ids, int count, int batch) throws SQLException {
    try (Connection c = connect()) {
      copyTables(c);
      c.setAutoCommit(false);
      Timestamp now = Timestamp.from(Instant.now());
      Timestamp occurred = Timestamp.from(Instant.parse("2026-01-01T10:00:00Z"));
      long start = System.nanoTime();
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + COPY + ".crm_interaction (id, customer_id,"
          + " channel, interaction_type, direction, occurred_at, subject, summary, attributes, agent, source_system,"
          + " source_event_id, recorded_at, conversation_id)"
          + " VALUES (?, ?, 'EMAIL', 'CAMPAIGN_OPENED', 'INBOUND', ?, ?, NULL, ?, NULL, 'INGEST', ?, ?, NULL)")) {
        for (int i = 0; i < count; i++) {
          insert.setLong(1, i + 1);
          insert.setLong(2, ids[i % ids.length]);
          insert.setTimestamp(3, occurred);
          insert.setString(4, "Newsletter " + i % 12);
          insert.setString(5, "{\"campaignId\":\"c" + i % 12 + "\"}");
          insert.setString(6, prefix + "-" + i);
          insert.setTimestamp(7, now);
          insert.addBatch();
          if ((i + 1) % batch == 0 || i + 1 == count) {
            insert.executeBatch();
            c.commit();
          }
        }
      }
      return count / ((System.nanoTime() - start) / 1e9);
    }
  }

  // ---- what the server did: table statistics

  /** Per table of the server's schema: rows inserted, rows updated, index scans, sequential scans. */
  /**
   * Where autovacuum is off (the CI machines' PostgreSQL is configured so), nothing ever analyzes the tables the
   * runs grow, and PostgreSQL plans the server's look-ups on statistics of empty tables: the look-up of 500 source
   * event ids then reads every touchpoint of the source system (100 ms at 430,000 rows instead of 1.5). A production
   * database analyzes a table once a tenth of it has changed; this stands in for that, once, after the warm-up.
   * {@code --no-analyze} measures without it.
   */
  private void analyzeWithoutAutovacuum() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      String autovacuum;
      try (ResultSet r = s.executeQuery("SHOW autovacuum")) {
        r.next();
        autovacuum = r.getString(1);
      }
      if ("on".equals(autovacuum)) {
        return;
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        s.execute("ANALYZE " + schema + "." + table);
      }
      System.out.printf(Locale.ROOT, "autovacuum is off: analyzed the %d tables of %s after the warm-up, as"
          + " autovacuum would have%n", tables.size(), schema);
    }
  }

  private Map<String, long[]> tableStats() throws Exception {
    Thread.sleep(3_000); // backends report their statistics at most once a second, when idle
    Map<String, long[]> stats = new TreeMap<>();
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT relname, n_tup_ins, n_tup_upd,"
        + " COALESCE(idx_scan, 0), seq_scan FROM pg_stat_user_tables WHERE schemaname = ?")) {
      s.setString(1, schema);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          stats.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)});
        }
      }
    }
    return stats;
  }

  private Map<String, long[]> delta(Map<String, long[]> before) throws Exception {
    Map<String, long[]> after = tableStats();
    after.forEach((table, a) -> {
      long[] b = before.getOrDefault(table, new long[4]);
      for (int i = 0; i < a.length; i++) {
        a[i] -= b[i];
      }
    });
    return after;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbc + (jdbc.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
        "postgres", "");
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}

package org.clientele.crm.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Interactions, timelines, KPIs and predictions on a large base, through a running Clientele (REST) against
 * JDBC baselines in the same run, on the same data:
 * <ol>
 *   <li>batch interaction recording ({@code POST /interactions/batch}, 500 per request, 1 and 2 client threads;
 *       campaign events outside conversations, and inquiries/messages that are threaded into conversations)
 *       against a raw batched JDBC insert of the same rows into {@code crm_interaction};
 *   <li>the first and second timeline page of a customer with 10,000 interactions against the same keyset SQL;
 *   <li>{@code GET /analytics/kpis} for a year and a month on 1M customers with a generated two-year history
 *       (~3.3M purchases, ~6M interactions, ~0.5M feedback, ~0.3M conversations) against KpiQueries' SQL;
 *   <li>a prediction run on that base (BG/NBD purchase histories, so the back-test is meaningful), against the
 *       time to stream the same orders over JDBC, and one customer's value against its SQL.
 * </ol>
 * Profiles and history are {@link BenchData}'s, reused when present.
 *
 * <p>{@code mvn -q -pl crm-bench exec:java -Dbench=EngagementBenchmark
 * -Dexec.args="--url http://localhost:9380 --schema clientele_bench"} (see docs/performance.md).
 */
public final class EngagementBenchmark {

  private static final long FIRST_CUSTOMER = BenchData.FIRST_CUSTOMER;
  /** The customer with the long timeline, outside SearchBenchmark's range. */
  private static final long TIMELINE_CUSTOMER = 99_000_001L;
  private static final Instant HISTORY_START = BenchData.HISTORY_START;
  /** The end of the generated history: asOf of the prediction run, end of the KPI periods. */
  private static final Instant HISTORY_END = BenchData.HISTORY_END;
  private static final int BATCH = 500;
  private static final int TIMELINE_ROUNDS = 200;
  private static final int KPI_ROUNDS = 10;
  private static final String COUNTED = "status NOT IN ('CANCELLED', 'REFUNDED')";

  private EngagementBenchmark() {}

  public static void main(String[] args) throws Exception {
    int customers = Integer.parseInt(arg(args, "--customers", "1000000"));
    int events = Integer.parseInt(arg(args, "--events", "50000"));
    int timelineSize = Integer.parseInt(arg(args, "--timeline", "10000"));
    long seed = Long.parseLong(arg(args, "--seed", "42"));
    String schema = arg(args, "--schema", "clientele_bench");
    String base = arg(args, "--url", "http://localhost:9080");
    String jdbc = arg(args, "--jdbc", "jdbc:postgresql://127.0.0.1:5432/test");
    List<String> parts = List.of(arg(args, "--parts", "record,timeline,kpi,predict").split(","));
    boolean reload = Arrays.asList(args).contains("--reload");
    boolean explain = Arrays.asList(args).contains("--explain");
    String run = Long.toString(System.currentTimeMillis(), 36);

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    List<String> report = new ArrayList<>();
    // The same driver settings as the server's data source: batched inserts rewritten, every statement planned
    // for its values.
    try (Connection c = DriverManager.getConnection(jdbc + "?reWriteBatchedInserts=true&prepareThreshold=0",
        "postgres", "")) {
      c.setSchema(schema);
      BenchData.loadCustomers(c, customers, reload);
      if (parts.contains("kpi") || parts.contains("predict")) {
        BenchData.loadHistory(c, customers, seed, reload);
      }
      if (parts.contains("record")) {
        section(report, recording(http, base, c, run, events, Math.min(1000, customers)));
      }
      if (parts.contains("timeline")) {
        section(report, timeline(http, base, c, timelineSize));
      }
      if (parts.contains("kpi")) {
        section(report, kpis(http, base, c, customers, explain));
      }
      if (parts.contains("predict")) {
        section(report, predictions(http, base, c, customers));
      }
    }
    System.out.printf(Locale.ROOT, "%nEngagement benchmark, %,d customers, %d cores (noisy: compare ratios to the"
        + " same-run baseline)%n", customers, Runtime.getRuntime().availableProcessors());
    report.forEach(System.out::println);
  }

  /** Prints a section's table as soon as it is measured, and keeps it for the summary. */
  private static void section(List<String> report, List<String> lines) {
    lines.forEach(System.out::println);
    report.addAll(lines);
  }

  // ---------------------------------------------------------------------------------------------------------
  // 1. Batch recording

  private static List<String> recording(HttpClient http, String base, Connection c, String run, int events,
      int spread) throws Exception {
    String auth = basic("integration");
    List<String> out = new ArrayList<>();
    out.add("");
    out.add("Batch interaction recording: %,d interactions per figure over %,d customers, batches of %d"
        .formatted(events, spread, BATCH));
    out.add("| variant | figure | per second | ratio to batched JDBC |");
    out.add("|---|---|---|---|");
    int window = 0;
    for (boolean threaded : new boolean[] {false, true}) {
      String variant = threaded ? "inquiries/messages (threaded into conversations)" : "campaign sent/opened";
      // Warm-up: JIT, pools, statement caches; then the baseline and the REST figures on fresh event ids.
      post(http, base, auth, bodies(run + "-w" + window, Math.min(events, 20 * BATCH), spread, threaded,
          window++), 2);
      double jdbc = jdbcInsert(c, run + "-j" + window, events, spread, threaded, window++);
      double one = post(http, base, auth, bodies(run + "-a" + window, events, spread, threaded, window++), 1);
      double two = post(http, base, auth, bodies(run + "-b" + window, events, spread, threaded, window++), 2);
      out.add("| %s | baseline: raw batched JDBC insert (500 per transaction) | %.0f | 1.00 |".formatted(variant, jdbc));
      out.add("| %s | REST batch, 1 client thread | %.0f | %.3f |".formatted(variant, one, one / jdbc));
      out.add("| %s | REST batch, 2 client threads | %.0f | %.3f |".formatted(variant, two, two / jdbc));
      System.out.printf(Locale.ROOT, "recording %s: jdbc %.0f/s, rest 1 thread %.0f/s, 2 threads %.0f/s%n", variant,
          jdbc, one, two);
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(conversation_id)"
        + " FROM crm_interaction WHERE source_system = 'bench-feed' AND source_event_id LIKE '" + run + "-%'")) {
      rs.next();
      System.out.printf(Locale.ROOT, "recorded in this run: %,d interactions, %,d of them in conversations%n",
          rs.getLong(1), rs.getLong(2));
    }
    return out;
  }

  /** One touchpoint of the feed: event i goes to customer i % spread, a minute after event i - 1. */
  private record Event(long customerId, String channel, String type, String direction, Instant occurredAt,
      String subject, String summary, String campaign, String eventId) {}

  private static Event event(String prefix, int i, int spread, boolean threaded, int window) {
    long customer = FIRST_CUSTOMER + i % spread;
    // Each figure gets its own 60-day window after the history; a customer's events are 1,000 minutes apart,
    // within the 3 days that keep a conversation open for its next message.
    Instant at = HISTORY_END.plus(Duration.ofDays(30 + 60L * window)).plusSeconds(60L * i);
    int nth = i / spread;
    if (!threaded) {
      boolean opened = nth % 2 == 1;
      return new Event(customer, "EMAIL", opened ? "CAMPAIGN_OPENED" : "CAMPAIGN_SENT", opened ? "INBOUND" : "OUTBOUND",
          at, "Spring sale " + nth / 2, null, "c" + nth / 2, prefix + "-" + i);
    }
    boolean inquiry = nth % 4 == 0;
    String direction = inquiry || nth % 2 == 0 ? "INBOUND" : "OUTBOUND";
    return new Event(customer, nth % 8 < 4 ? "EMAIL" : "CHAT", inquiry ? "INQUIRY" : "MESSAGE", direction, at,
        "Order question", "Where is my order " + i + "?", null, prefix + "-" + i);
  }

  /** The request bodies of one figure, built before the clock starts. */
  private static List<String> bodies(String prefix, int events, int spread, boolean threaded, int window) {
    List<String> bodies = new ArrayList<>();
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < events; i++) {
      Event e = event(prefix, i, spread, threaded, window);
      json.append(json.length() == 0 ? "[" : ",");
      json.append("{\"customerId\":").append(e.customerId()).append(",\"channel\":\"").append(e.channel())
          .append("\",\"type\":\"").append(e.type()).append("\",\"direction\":\"").append(e.direction())
          .append("\",\"occurredAt\":\"").append(e.occurredAt()).append("\",\"subject\":\"").append(e.subject())
          .append('"');
      if (e.summary() != null) {
        json.append(",\"summary\":\"").append(e.summary()).append('"');
      }
      if (e.campaign() != null) {
        json.append(",\"attributes\":{\"campaignId\":\"").append(e.campaign()).append("\"}");
      }
      json.append(",\"sourceSystem\":\"bench-feed\",\"sourceEventId\":\"").append(e.eventId()).append("\"}");
      if ((i + 1) % BATCH == 0 || i == events - 1) {
        bodies.add(json.append(']').toString());
        json.setLength(0);
      }
    }
    return bodies;
  }

  /** Posts the batches over {@code threads} connections; returns interactions per second. */
  private static double post(HttpClient http, String base, String auth, List<String> bodies, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
          HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/crm/api/interactions/batch"))
              .header("Authorization", auth).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
          try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
              failures.incrementAndGet();
              errors.add(response.statusCode() + " " + response.body().substring(0, Math.min(300, response.body().length())));
            }
          } catch (Exception e) {
            failures.incrementAndGet();
            errors.add(e.toString());
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
      throw new IllegalStateException(failures.get() + " batches failed, e.g. " + errors.get(0));
    }
    int count = bodies.stream().mapToInt(b -> b.split("\"sourceEventId\"", -1).length - 1).sum();
    return count / seconds;
  }

  /** The same rows as the REST figure, inserted with plain JDBC, 500 per transaction; rows per second. */
  private static double jdbcInsert(Connection c, String prefix, int events, int spread, boolean threaded,
      int window) throws SQLException {
    long firstId = BenchData.reserve(c, "crm_interaction", "crm_interaction_seq", events);
    c.setAutoCommit(false);
    long start = System.nanoTime();
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO crm_interaction (id, customer_id, channel,"
        + " interaction_type, direction, occurred_at, subject, summary, attributes, agent, source_system,"
        + " source_event_id, recorded_at, conversation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'bench-feed', ?, ?,"
        + " NULL)")) {
      for (int i = 0; i < events; i++) {
        Event e = event(prefix, i, spread, threaded, window);
        insert.setLong(1, firstId + i);
        insert.setLong(2, e.customerId());
        insert.setString(3, e.channel());
        insert.setString(4, e.type());
        insert.setString(5, e.direction());
        insert.setObject(6, e.occurredAt().atOffset(ZoneOffset.UTC));
        insert.setString(7, e.subject());
        insert.setString(8, e.summary());
        insert.setString(9, e.campaign() == null ? null : "{\"campaignId\":\"" + e.campaign() + "\"}");
        insert.setString(10, e.eventId());
        insert.setObject(11, OffsetDateTime.now(ZoneOffset.UTC));
        insert.addBatch();
        if ((i + 1) % BATCH == 0 || i == events - 1) {
          insert.executeBatch();
          c.commit();
        }
      }
    } finally {
      c.setAutoCommit(true);
    }
    return events / ((System.nanoTime() - start) / 1e9);
  }

  // ---------------------------------------------------------------------------------------------------------
  // 2. Timeline

  private static List<String> timeline(HttpClient http, String base, Connection c, int size) throws Exception {
    loadTimeline(c, size);
    String auth = basic("agent");
    String url = base + "/crm/api/customers/" + TIMELINE_CUSTOMER + "/timeline?limit=50";
    String columns = "id, customer_id, channel, interaction_type, direction, occurred_at, subject, summary,"
        + " attributes, agent, source_system, source_event_id, recorded_at, conversation_id";
    String first = "SELECT " + columns + " FROM crm_interaction WHERE customer_id = ?"
        + " ORDER BY occurred_at DESC, id DESC LIMIT 50";
    String second = "SELECT " + columns + " FROM crm_interaction WHERE customer_id = ?"
        + " AND (occurred_at < ? OR (occurred_at = ? AND id < ?)) ORDER BY occurred_at DESC, id DESC LIMIT 50";
    long[][] times = new long[4][TIMELINE_ROUNDS];
    for (int i = -20; i < TIMELINE_ROUNDS; i++) { // 20 warm-up rounds
      long t0 = System.nanoTime();
      String page1 = get(http, url, auth);
      long t1 = System.nanoTime();
      Matcher cursor = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(page1);
      if (!cursor.find() || page1.split("\"sourceEventId\"", -1).length - 1 != 50) {
        throw new IllegalStateException("Expected a full first page with a cursor: " + page1.substring(0, 300));
      }
      long t2 = System.nanoTime();
      get(http, url + "&after=" + cursor.group(1), auth);
      long t3 = System.nanoTime();
      Object[] last = sqlPage(c, first, null);
      long t4 = System.nanoTime();
      sqlPage(c, second, last);
      long t5 = System.nanoTime();
      if (i >= 0) {
        times[0][i] = t1 - t0;
        times[1][i] = t3 - t2;
        times[2][i] = t4 - t3;
        times[3][i] = t5 - t4;
      }
    }
    List<String> out = new ArrayList<>();
    out.add("");
    out.add("Timeline of one customer with %,d interactions, limit 50, %d rounds after 20 warm-up rounds"
        .formatted(size, TIMELINE_ROUNDS));
    out.add("| page | REST p50 ms | REST p99 ms | SQL p50 ms | SQL p99 ms | ratio p50 |");
    out.add("|---|---|---|---|---|---|");
    for (int p = 0; p < 2; p++) {
      double rest = percentile(times[p], 50);
      double sql = percentile(times[p + 2], 50);
      out.add("| %s | %.2f | %.2f | %.2f | %.2f | %.2f |".formatted(p == 0 ? "first" : "second (nextCursor)", rest,
          percentile(times[p], 99), sql, percentile(times[p + 2], 99), rest / sql));
    }
    return out;
  }

  /** Reads a page like the CRM would (every column); returns the last row's (occurred_at, id). */
  private static Object[] sqlPage(Connection c, String sql, Object[] after) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, TIMELINE_CUSTOMER);
      if (after != null) {
        s.setObject(2, after[0]);
        s.setObject(3, after[0]);
        s.setLong(4, (Long) after[1]);
      }
      Object[] last = null;
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          for (int col = 1; col <= 14; col++) {
            rs.getObject(col);
          }
          last = new Object[] {rs.getObject(6, OffsetDateTime.class), rs.getLong(1)};
        }
      }
      return last;
    }
  }

  /** A customer with {@code size} interactions over two years (kept between runs). */
  private static void loadTimeline(Connection c, int size) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO crm_customer (id, version, given_name, family_name, given_name_key, family_name_key,"
          + " full_name_key, email, email_local, lifecycle_stage, status, created_at, updated_at) VALUES ("
          + TIMELINE_CUSTOMER + ", 1, 'Tim', 'Eline', 'tim', 'eline', 'tim eline', 'tim.eline@bench.example',"
          + " 'tim.eline', 'ACTIVE', 'ACTIVE', now(), now()) ON CONFLICT (id) DO NOTHING");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_interaction WHERE customer_id = " + TIMELINE_CUSTOMER)) {
        rs.next();
        if (rs.getLong(1) == size) {
          return;
        }
      }
      s.execute("DELETE FROM crm_interaction WHERE customer_id = " + TIMELINE_CUSTOMER);
    }
    long firstId = BenchData.reserve(c, "crm_interaction", "crm_interaction_seq", size);
    String[] types = {"CAMPAIGN_SENT", "CAMPAIGN_OPENED", "VISIT", "NOTE", "CALL"};
    String[] channels = {"EMAIL", "EMAIL", "WEB", "PHONE", "PHONE"};
    c.setAutoCommit(false);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO crm_interaction (id, customer_id, channel,"
        + " interaction_type, direction, occurred_at, subject, summary, attributes, agent, source_system,"
        + " source_event_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench-timeline', ?, now())")) {
      long span = Duration.between(HISTORY_START, HISTORY_END).toSeconds();
      for (int i = 0; i < size; i++) {
        insert.setLong(1, firstId + i);
        insert.setLong(2, TIMELINE_CUSTOMER);
        insert.setString(3, channels[i % 5]);
        insert.setString(4, types[i % 5]);
        insert.setString(5, i % 5 == 2 ? "INBOUND" : i % 5 == 3 ? "INTERNAL" : "OUTBOUND");
        insert.setObject(6, HISTORY_START.plusSeconds(span * i / size).atOffset(ZoneOffset.UTC));
        insert.setString(7, "Touchpoint " + i);
        insert.setString(8, "Summary of touchpoint " + i + " with some text an agent would write");
        insert.setString(9, "{\"campaignId\":\"c" + i % 97 + "\",\"source\":\"bench\"}");
        insert.setString(10, i % 5 >= 3 ? "agent" + i % 7 : null);
        insert.setString(11, "tl-" + i);
        insert.addBatch();
        if ((i + 1) % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE crm_interaction");
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // 3. KPIs

  private static Map<String, String> kpiSql() {
    Map<String, String> sql = new LinkedHashMap<>();
    sql.put("customers: purchasing, orders, repeaters", """
        SELECT COUNT(*), SUM(t.n), SUM(CASE WHEN t.n >= 2 THEN 1 ELSE 0 END)
        FROM (SELECT customer_id, COUNT(*) AS n FROM crm_purchase
              WHERE placed_at >= ? AND placed_at < ? AND %s GROUP BY customer_id) t
        """.formatted(COUNTED));
    sql.put("customers: retention", """
        SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM crm_purchase q WHERE q.customer_id = t.customer_id
                                                AND q.placed_at >= ? AND q.placed_at < ? AND %s)
                             THEN 1 ELSE 0 END)
        FROM (SELECT DISTINCT customer_id FROM crm_purchase
              WHERE placed_at >= ? AND placed_at < ? AND %s) t
        """.formatted("q." + COUNTED, COUNTED));
    sql.put("money: period per currency", """
        SELECT currency, COUNT(*), SUM(net_total) FROM crm_purchase
        WHERE placed_at >= ? AND placed_at < ? AND %s GROUP BY currency
        """.formatted(COUNTED));
    sql.put("money: historical CLV per currency", """
        SELECT currency, COUNT(DISTINCT customer_id), SUM(net_total) FROM crm_purchase
        WHERE placed_at < ? AND status <> 'CANCELLED' GROUP BY currency
        """);
    sql.put("satisfaction", """
        SELECT kind, COUNT(*),
               SUM(CASE WHEN (kind = 'NPS' AND score >= 9) OR (kind = 'CSAT' AND score >= 4) THEN 1 ELSE 0 END),
               SUM(CASE WHEN kind = 'NPS' AND score <= 6 THEN 1 ELSE 0 END),
               AVG(CAST(score AS DOUBLE PRECISION))
        FROM crm_feedback WHERE received_at >= ? AND received_at < ? GROUP BY kind
        """);
    sql.put("service: opened", """
        SELECT COUNT(*), COUNT(first_response_at),
               AVG(EXTRACT(EPOCH FROM first_response_at) - EXTRACT(EPOCH FROM opened_at))
        FROM crm_conversation WHERE opened_at >= ? AND opened_at < ?
        """);
    sql.put("service: resolved", """
        SELECT COUNT(*), AVG(EXTRACT(EPOCH FROM resolved_at) - EXTRACT(EPOCH FROM opened_at))
        FROM crm_conversation WHERE resolved_at >= ? AND resolved_at < ?
        """);
    return sql;
  }

  private static Instant[] kpiParameters(String name, Instant from, Instant to) {
    Instant previousFrom = from.minus(Duration.between(from, to));
    return switch (name) {
      case "customers: retention" -> new Instant[] {from, to, previousFrom, from};
      case "money: historical CLV per currency" -> new Instant[] {to};
      default -> new Instant[] {from, to};
    };
  }

  private static List<String> kpis(HttpClient http, String base, Connection c, int customers, boolean explain)
      throws Exception {
    String auth = basic("agent");
    Map<String, String> sql = kpiSql();
    Map<String, Instant> periods = new LinkedHashMap<>();
    periods.put("1 year", HISTORY_END.minus(Duration.ofDays(365)));
    periods.put("1 month", Instant.parse("2025-12-01T00:00:00Z"));
    List<String> out = new ArrayList<>();
    List<String> perQuery = new ArrayList<>();
    out.add("");
    out.add("KPIs on %,d customers (%s), p50 of %d rounds after 2 warm-up rounds (1 round when a request takes"
        .formatted(customers, sizes(c), KPI_ROUNDS) + " over a minute); SQL: KpiQueries' 7 statements in sequence over JDBC");
    out.add("| period | REST p50 ms | REST max ms | SQL p50 ms | SQL max ms | ratio p50 |");
    out.add("|---|---|---|---|---|---|");
    perQuery.add("");
    perQuery.add("KPI statements, SQL p50 ms");
    perQuery.add("| statement | " + String.join(" | ", periods.keySet()) + " |");
    perQuery.add("|---|" + "---|".repeat(periods.size()));
    Map<String, List<String>> cells = new LinkedHashMap<>();
    sql.keySet().forEach(k -> cells.put(k, new ArrayList<>()));
    for (var period : periods.entrySet()) {
      Instant from = period.getValue();
      Instant to = HISTORY_END;
      String url = base + "/crm/api/analytics/kpis?from=" + from + "&to=" + to;
      // The first warm-up request decides: a period whose KPIs take minutes is measured once, not 12 times.
      long w0 = System.nanoTime();
      System.out.println("KPIs " + period.getKey() + ": " + get(http, url, auth));
      long first = System.nanoTime() - w0;
      boolean slow = first > 60e9;
      int rounds = slow ? 1 : KPI_ROUNDS;
      long[] rest = new long[rounds];
      long[] total = new long[rounds];
      Map<String, long[]> each = new LinkedHashMap<>();
      sql.keySet().forEach(k -> each.put(k, new long[rounds]));
      for (int i = slow ? 0 : -1; i < rounds; i++) {
        long t0 = System.nanoTime();
        if (!slow || i > 0) {
          get(http, url, auth);
        }
        long t1 = System.nanoTime();
        long sum = 0;
        for (var statement : sql.entrySet()) {
          long s0 = System.nanoTime();
          runKpi(c, statement.getValue(), kpiParameters(statement.getKey(), from, to));
          long elapsed = System.nanoTime() - s0;
          sum += elapsed;
          if (i >= 0) {
            each.get(statement.getKey())[i] = elapsed;
          }
        }
        if (i >= 0) {
          rest[i] = slow ? first : t1 - t0;
          total[i] = sum;
        }
      }
      double restP50 = percentile(rest, 50);
      double sqlP50 = percentile(total, 50);
      out.add("| %s%s | %.1f | %.1f | %.1f | %.1f | %.2f |".formatted(period.getKey(), slow ? " (1 round)" : "",
          restP50, percentile(rest, 100), sqlP50, percentile(total, 100), restP50 / sqlP50));
      each.forEach((k, v) -> cells.get(k).add("%.1f".formatted(percentile(v, 50))));
      System.out.printf(Locale.ROOT, "KPIs %s: REST p50 %.1f ms, SQL p50 %.1f ms%n", period.getKey(), restP50, sqlP50);
    }
    cells.forEach((k, v) -> perQuery.add("| " + k + " | " + String.join(" | ", v) + " |"));
    out.addAll(perQuery);
    if (explain) {
      Instant from = periods.get("1 year");
      for (var statement : sql.entrySet()) {
        System.out.println("\nEXPLAIN " + statement.getKey() + " (1 year)");
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.getValue())) {
          bind(s, kpiParameters(statement.getKey(), from, HISTORY_END));
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              System.out.println(rs.getString(1));
            }
          }
        }
      }
    }
    return out;
  }

  private static void runKpi(Connection c, String sql, Instant[] parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }
  }

  private static void bind(PreparedStatement s, Instant[] parameters) throws SQLException {
    for (int p = 0; p < parameters.length; p++) {
      s.setObject(p + 1, parameters[p].atOffset(ZoneOffset.UTC));
    }
  }

  private static String sizes(Connection c) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (String table : List.of("crm_purchase", "crm_interaction", "crm_feedback", "crm_conversation")) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        text.append(text.length() == 0 ? "" : ", ").append("%,d %s".formatted(rs.getLong(1),
            table.substring(4).replace("_", " ")));
      }
    }
    return text.toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // 4. Predictions

  private static List<String> predictions(HttpClient http, String base, Connection c, int customers) throws Exception {
    String body = "{\"asOf\":\"%s\",\"horizonDays\":365,\"holdoutDays\":90,\"currency\":\"EUR\"}".formatted(HISTORY_END);
    long t0 = System.nanoTime();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/crm/api/analytics/predictions/runs"))
        .header("Authorization", basic("admin")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    double total = (System.nanoTime() - t0) / 1e6;
    System.out.println("Prediction run (" + response.statusCode() + ", " + Math.round(total) + " ms): " + response.body());
    List<String> out = new ArrayList<>();
    out.add("");
    if (response.statusCode() != 200) {
      out.add("Prediction run failed after %.0f ms: %d %s".formatted(total, response.statusCode(), response.body()));
      return out;
    }
    String run = response.body();
    // The floor: streaming the orders the job reads (every counted order before asOf, by customer and time).
    long s0 = System.nanoTime();
    long orders = 0;
    c.setAutoCommit(false);
    try (PreparedStatement s = c.prepareStatement("SELECT customer_id, placed_at, currency, net_total"
        + " FROM crm_purchase WHERE placed_at < ? AND " + COUNTED + " ORDER BY customer_id, placed_at")) {
      s.setObject(1, HISTORY_END.atOffset(ZoneOffset.UTC));
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rs.getLong(1);
          rs.getObject(2, OffsetDateTime.class);
          rs.getString(3);
          rs.getBigDecimal(4);
          orders++;
        }
      }
    } finally {
      c.commit();
      c.setAutoCommit(true);
    }
    double read = (System.nanoTime() - s0) / 1e6;
    double mae = number(run, "backTestMeanAbsoluteError");
    double baselineMae = number(run, "backTestBaselineError");
    out.add("Prediction run (POST /analytics/predictions/runs, asOf %s, horizon 365 d, holdout 90 d, EUR)"
        .formatted(HISTORY_END));
    out.add("| figure | value |");
    out.add("|---|---|");
    out.add("| total request time | %.1f s |".formatted(total / 1000));
    out.add("| fitMillis (read + fit, reported by the run) | %.1f s |".formatted(number(run, "fitMillis") / 1000));
    out.add("| baseline: stream the same %,d orders over JDBC | %.1f s (request / read = %.1f) |".formatted(orders,
        read / 1000, total / read));
    out.add("| customers predicted | %,d |".formatted((long) number(run, "customersPredicted")));
    out.add("| back-test MAE (repeat orders per customer in the holdout) | %.4f |".formatted(mae));
    out.add("| naive baseline MAE | %.4f (model / naive = %.2f) |".formatted(baselineMae, mae / baselineMae));
    out.add("| holdout orders predicted / actual | %,.0f / %,d (%.3f) |".formatted(number(run, "backTestPredictedTotal"),
        (long) number(run, "backTestActualTotal"), number(run, "backTestPredictedTotal") / number(run, "backTestActualTotal")));
    Matcher parameters = Pattern.compile("\"parameters\":(\\{[^}]*\\})").matcher(run);
    out.add("| fitted parameters | `%s` |".formatted(parameters.find() ? parameters.group(1) : "?"));
    out.addAll(customerValue(http, base, c, customers));
    return out;
  }

  /** GET /analytics/customers/{id} against the SQL behind it (cadence, revenue per currency, prediction). */
  private static List<String> customerValue(HttpClient http, String base, Connection c, int customers) throws Exception {
    String auth = basic("agent");
    long[] rest = new long[TIMELINE_ROUNDS];
    long[] sql = new long[TIMELINE_ROUNDS];
    for (int i = -20; i < TIMELINE_ROUNDS; i++) {
      long customer = FIRST_CUSTOMER + (i + 20) * 7_919L % customers;
      long t0 = System.nanoTime();
      get(http, base + "/crm/api/analytics/customers/" + customer + "?asOf=" + HISTORY_END, auth);
      long t1 = System.nanoTime();
      OffsetDateTime at = HISTORY_END.atOffset(ZoneOffset.UTC);
      for (String q : List.of("SELECT COUNT(*), MIN(placed_at), MAX(placed_at) FROM crm_purchase"
              + " WHERE customer_id = ? AND placed_at < ? AND " + COUNTED,
          "SELECT currency, SUM(net_total) FROM crm_purchase WHERE customer_id = ? AND placed_at < ?"
              + " AND status <> 'CANCELLED' GROUP BY currency",
          "SELECT p.run_id, r.computed_at, r.horizon_days, r.currency, p.expected_gap_days, p.next_order_date,"
              + " p.predicted_orders, p.expected_order_value, p.predicted_clv, p.churn_probability"
              + " FROM crm_customer_prediction p JOIN crm_prediction_run r ON r.id = p.run_id WHERE p.customer_id = ?")) {
        try (PreparedStatement s = c.prepareStatement(q)) {
          s.setLong(1, customer);
          if (q.contains("placed_at < ?")) {
            s.setObject(2, at);
          }
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        }
      }
      long t2 = System.nanoTime();
      if (i >= 0) {
        rest[i] = t1 - t0;
        sql[i] = t2 - t1;
      }
    }
    List<String> out = new ArrayList<>();
    out.add("");
    out.add("Customer value (GET /analytics/customers/{id}), %d customers after 20 warm-up requests".formatted(TIMELINE_ROUNDS));
    out.add("| REST p50 ms | REST p99 ms | SQL p50 ms | SQL p99 ms | ratio p50 |");
    out.add("|---|---|---|---|---|");
    out.add("| %.2f | %.2f | %.2f | %.2f | %.2f |".formatted(percentile(rest, 50), percentile(rest, 99),
        percentile(sql, 50), percentile(sql, 99), percentile(rest, 50) / percentile(sql, 50)));
    return out;
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+-]+)").matcher(json);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  // ---------------------------------------------------------------------------------------------------------

  private static String get(HttpClient http, String url, String auth) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " failed: " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static String arg(String[] args, String name, String fallback) {
    int at = Arrays.asList(args).indexOf(name);
    return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
  }
}

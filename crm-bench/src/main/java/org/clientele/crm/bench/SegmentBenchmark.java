package org.clientele.crm.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clientele.crm.api.segment.BehaviourCondition;
import org.clientele.crm.api.segment.EventFilter;
import org.clientele.crm.api.segment.RecencyCondition;
import org.clientele.crm.api.segment.SegmentRule;
import org.clientele.crm.impl.segment.BenchEngine;
import org.clientele.crm.impl.segment.CompiledRule;

/**
 * Segmentation on a large base (issue 5), through a running Clientele against hand-written SQL in the same run,
 * on the same data ({@link BenchData}'s 1M profiles and two-year history, plus email consents and a custom
 * attribute loaded here):
 * <ol>
 *   <li><b>full recompute</b> of ten representative segments: the first evaluation (everyone enters) and a
 *       steady-state re-evaluation, through REST ({@code POST /segments}, which evaluates a new segment at once,
 *       and {@code POST /segments/{key}/evaluation}) and through the engine's own classes at the JDBC level
 *       ({@code MembershipUpdater.recompute} on a shadow segment), against (i) a DBA's selection query alone and
 *       (ii) the same set-based membership maintenance (scratch table, close leavers, insert entrants) with that
 *       selection, into a table of the same shape;
 *   <li><b>incremental latency</b>: changes through REST at a fixed rate (a second purchase for customers with one
 *       in the 90-day window, and lifecycle-stage updates), from each response until the membership is visible in
 *       {@code crm_segment_member} (one JDBC poll every ~15 ms for all pending customers);
 *   <li><b>memory</b>: the server's used heap ({@code /metrics?scope=base}) sampled during both.
 * </ol>
 * The history ends on 2026-01-01; relative windows are lengthened by the days since then (printed), so that "the
 * last 90 days" means the last 90 days of the history whatever the day the benchmark runs. Scores (RFM,
 * engagement) are computed as of the history's end with the engine's RfmScorer.
 *
 * <p>{@code mvn -q -pl crm-bench exec:java -Dbench=SegmentBenchmark
 * -Dexec.args="--url http://localhost:9380 --schema clientele_bench"} (see docs/performance.md). The server
 * should run with {@code CRM_SEGMENT_RECOMPUTE_ENABLED=false} so that the schedule does not interfere.
 * {@code --no-autovacuum} runs on stale statistics (autovacuum off): the engine's tables are recorded empty before
 * the run and the benchmark does not refresh them.
 */
public final class SegmentBenchmark {

  private static final String COUNTED = "status NOT IN ('CANCELLED', 'REFUNDED')";
  private static final String PREFIX = "bench-";
  private static final String SHADOW = "shadow-";
  private static final int ROUNDS = 3;
  /** The latest consent decision per customer, EMAIL/MARKETING, as a DBA writes it (a refusal wins a tie). */
  private static final String LATEST_EMAIL_CONSENT = "SELECT DISTINCT ON (customer_id) customer_id, status"
      + " FROM crm_consent WHERE channel = 'EMAIL' AND purpose = 'MARKETING' AND decided_at <= ?"
      + " ORDER BY customer_id, decided_at DESC, (status IN ('DENIED', 'WITHDRAWN')) DESC";

  /** Transaction timeout of the server ({@code POST /segments/{key}/evaluation} fails after it). */
  private static final int TIMEOUT_SECONDS = 120;

  /**
   * {@code --no-autovacuum}: the statistics of crm_segment_member and crm_segment_work are left as autovacuum-off
   * leaves them (recorded empty before the run, never refreshed by the benchmark), so that only the engine's own
   * ANALYZE keeps them up to date.
   */
  private static boolean noAutovacuum;
  private static int failedEvaluations;

  private SegmentBenchmark() {}

  /** One segment: its rule for the engine, and the hand-written selection with its parameters. */
  private record Def(String key, String name, SegmentRule rule, String hand, List<Object> parameters) {}

  public static void main(String[] args) throws Exception {
    int customers = Integer.parseInt(arg(args, "--customers", "1000000"));
    long seed = Long.parseLong(arg(args, "--seed", "42"));
    String schema = arg(args, "--schema", "clientele_bench");
    String base = arg(args, "--url", "http://localhost:9080");
    String jdbc = arg(args, "--jdbc", "jdbc:postgresql://127.0.0.1:5432/test");
    int rate = Integer.parseInt(arg(args, "--rate", "100"));
    int seconds = Integer.parseInt(arg(args, "--seconds", "60"));
    List<String> parts = List.of(arg(args, "--parts", "full,incremental").split(","));
    boolean explainAll = Arrays.asList(args).contains("--explain");
    noAutovacuum = Arrays.asList(args).contains("--no-autovacuum");
    String run = Long.toString(System.currentTimeMillis(), 36);

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    Heap heap = new Heap(http, base);
    List<String> report = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbc + "?reWriteBatchedInserts=true&prepareThreshold=0",
        "postgres", "")) {
      c.setSchema(schema);
      BenchData.loadCustomers(c, customers, false);
      BenchData.loadHistory(c, customers, seed, false);
      loadSegmentInputs(c, customers);
      if (parts.equals(List.of("load"))) {
        return;
      }
      boolean rest = restAvailable(http, base);
      System.out.println(rest ? "Segments REST present: measuring through REST and at the JDBC level"
          : "Segments REST absent (404): measuring the engine at the JDBC level only");
      Instant now = Instant.now();
      int offset = (int) Duration.between(BenchData.HISTORY_END, now).toDays() + 1;
      System.out.printf(Locale.ROOT, "Windows lengthened by %d days (history ends %s)%n", offset,
          BenchData.HISTORY_END);
      List<Def> defs = segments(offset);
      cleanUp(c, defs);
      if (noAutovacuum) {
        staleStatistics(c);
      }
      heap.start();
      if (parts.contains("full")) {
        section(report, full(http, base, c, defs, rest, heap, explainAll));
      } else {
        defineOnly(http, base, c, defs, rest);
        if (Arrays.asList(args).contains("--analyze") && !noAutovacuum) {
          autovacuum(c);
        }
      }
      if (parts.contains("incremental")) {
        section(report, incremental(http, base, c, defs, offset, rate, seconds, run, heap));
      }
      heap.stop();
      section(report, heap.table());
    }
    System.out.printf(Locale.ROOT, "%nSegment benchmark, %,d customers, %d cores (noisy: compare ratios to the"
        + " same-run baseline)%n", customers, Runtime.getRuntime().availableProcessors());
    report.forEach(System.out::println);
  }

  private static void section(List<String> report, List<String> lines) {
    lines.forEach(System.out::println);
    report.addAll(lines);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The ten segments

  private static List<Def> segments(int offset) {
    List<Def> defs = new ArrayList<>();
    String active = "SELECT c.id FROM crm_customer c WHERE c.status = 'ACTIVE'";
    defs.add(new Def(PREFIX + "de-active", "Germany, active or at risk",
        SegmentRule.all(SegmentRule.field("country", "eq", "DE"),
            SegmentRule.field("lifecycleStage", "in", List.of("ACTIVE", "AT_RISK"))),
        "SELECT id FROM crm_customer WHERE status = 'ACTIVE' AND country = 'DE'"
            + " AND lifecycle_stage IN ('ACTIVE', 'AT_RISK')", List.of()));
    defs.add(new Def(PREFIX + "repeat-90", "Two or more purchases in the last 90 days",
        SegmentRule.behaviour(new BehaviourCondition("purchases", "count", null, null, offset + 90, null, null, "gte",
            BigDecimal.valueOf(2))),
        active.replace("c.id FROM crm_customer c", "c.id FROM crm_customer c JOIN (SELECT customer_id FROM"
            + " crm_purchase WHERE placed_at >= ? AND placed_at <= ? AND "
            + COUNTED + " GROUP BY customer_id HAVING COUNT(*) >= 2) p ON p.customer_id = c.id"),
        List.of(new Before(offset + 90), Now.AS_OF)));
    defs.add(new Def(PREFIX + "spent-500", "Spent 500 EUR or more in the last 365 days",
        SegmentRule.behaviour(new BehaviourCondition("purchases", "sum", "netTotal",
            new EventFilter(null, "EUR", null, null, null, null, null, null), offset + 365, null, null, "gte",
            BigDecimal.valueOf(500))),
        active.replace("c.id FROM crm_customer c", "c.id FROM crm_customer c JOIN (SELECT customer_id FROM"
            + " crm_purchase WHERE placed_at >= ? AND placed_at <= ? AND "
            + COUNTED + " AND currency = 'EUR' GROUP BY customer_id HAVING SUM(net_total) >= 500) p"
            + " ON p.customer_id = c.id"),
        List.of(new Before(offset + 365), Now.AS_OF)));
    defs.add(new Def(PREFIX + "lapsed-180", "No purchase for 180 days",
        SegmentRule.recency(new RecencyCondition("purchases", null, "gt", offset + 180)),
        active.replace("c.id FROM crm_customer c", "c.id FROM crm_customer c JOIN (SELECT customer_id FROM"
            + " crm_purchase WHERE placed_at <= ? AND " + COUNTED + " GROUP BY customer_id"
            + " HAVING MAX(placed_at) < ?) p ON p.customer_id = c.id"),
        List.of(Now.AS_OF, new Before(offset + 180))));
    defs.add(new Def(PREFIX + "new-30", "First purchase in the last 30 days",
        SegmentRule.firstPurchase("withinLastDays", offset + 30),
        active.replace("c.id FROM crm_customer c", "c.id FROM crm_customer c JOIN (SELECT customer_id FROM"
            + " crm_purchase WHERE placed_at <= ? AND " + COUNTED + " GROUP BY customer_id"
            + " HAVING MIN(placed_at) >= ?) p ON p.customer_id = c.id"),
        List.of(Now.AS_OF, new Before(offset + 30))));
    defs.add(new Def(PREFIX + "email-marketing", "Email marketing consent",
        SegmentRule.consent("EMAIL", "MARKETING"),
        active.replace("c.id FROM crm_customer c", "c.id FROM crm_customer c JOIN (" + LATEST_EMAIL_CONSENT
            + ") k ON k.customer_id = c.id") + " AND k.status = 'GRANTED'",
        List.of(Now.AS_OF)));
    defs.add(new Def(PREFIX + "engaged-60", "Engagement 60 or more",
        SegmentRule.engagement("gte", BigDecimal.valueOf(60)),
        active.replace("c.id FROM crm_customer c", "c.id FROM crm_customer c JOIN crm_customer_score s"
            + " ON s.customer_id = c.id") + " AND s.engagement_score >= 60", List.of()));
    defs.add(new Def(PREFIX + "champions", "RFM champions",
        SegmentRule.rfmGroup("champions"),
        active.replace("c.id FROM crm_customer c", "c.id FROM crm_customer c JOIN crm_customer_score s"
            + " ON s.customer_id = c.id") + " AND s.recency_score = 5 AND s.frequency_score >= 4", List.of()));
    defs.add(new Def(PREFIX + "tag-or-gold", "Tagged tag7 or loyalty tier gold",
        SegmentRule.any(SegmentRule.field("tags", "contains", "tag7"),
            SegmentRule.attribute("loyalty_tier", "eq", "gold")),
        active + " AND c.id IN (SELECT customer_id FROM crm_customer_tag WHERE tag = 'tag7' UNION SELECT customer_id"
            + " FROM crm_customer_attribute WHERE attr_key = 'loyalty_tier' AND value_text = 'gold')", List.of()));
    defs.add(new Def(PREFIX + "spenders-emailable", "Spent 500 EUR (segment) and email marketing consent",
        SegmentRule.all(SegmentRule.segment(PREFIX + "spent-500"), SegmentRule.consent("EMAIL", "MARKETING")),
        active.replace("c.id FROM crm_customer c", "c.id FROM crm_customer c JOIN crm_segment_member m"
            + " ON m.customer_id = c.id AND m.left_at IS NULL AND m.segment_id = (SELECT id FROM crm_segment"
            + " WHERE segment_key = '" + PREFIX + "spent-500') JOIN (" + LATEST_EMAIL_CONSENT
            + ") k ON k.customer_id = c.id") + " AND k.status = 'GRANTED'",
        List.of(Now.AS_OF)));
    return defs;
  }

  /** Placeholder for the evaluation time in hand-written parameters. */
  private enum Now { AS_OF }

  /** Placeholder for a window bound: so many days before the evaluation time. */
  private record Before(int days) {}

  private static void bind(PreparedStatement s, List<Object> parameters, Instant asOf, int first)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      Object p = parameters.get(i);
      s.setObject(first + i, p == Now.AS_OF ? asOf.atOffset(ZoneOffset.UTC)
          : p instanceof Before b ? asOf.minus(Duration.ofDays(b.days())).atOffset(ZoneOffset.UTC) : p);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Inputs besides BenchData's: email consents, a custom attribute, scores

  private static void loadSegmentInputs(Connection c, int customers) throws SQLException {
    long first = BenchData.FIRST_CUSTOMER;
    long last = first + customers - 1;
    try (Statement s = c.createStatement()) {
      boolean consents;
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM crm_consent WHERE customer_id BETWEEN " + first
          + " AND " + last)) {
        r.next();
        consents = r.getLong(1) > 0;
      }
      if (!consents) {
        long start = System.nanoTime();
        // 70 % granted email marketing at a time in the history; a fifth of those withdrew later; 10 % denied.
        long ids = BenchData.reserve(c, "crm_consent", "crm_consent_seq", 2L * customers);
        s.execute("INSERT INTO crm_consent (id, customer_id, channel, purpose, status, source, decided_at,"
            + " recorded_at) SELECT " + ids + " + 2 * g, " + first + " + g, 'EMAIL', 'MARKETING',"
            + " CASE WHEN (g::bigint * 7919) % 100 < 70 THEN 'GRANTED' WHEN (g::bigint * 7919) % 100 < 80 THEN 'DENIED' END,"
            + " 'bench', TIMESTAMPTZ '2024-01-01' + ((g::bigint * 104729) % 600) * INTERVAL '1 day', now()"
            + " FROM generate_series(0, " + (customers - 1) + ") g WHERE (g::bigint * 7919) % 100 < 80");
        s.execute("INSERT INTO crm_consent (id, customer_id, channel, purpose, status, source, decided_at,"
            + " recorded_at) SELECT " + ids + " + 2 * g + 1, " + first + " + g, 'EMAIL', 'MARKETING', 'WITHDRAWN',"
            + " 'bench', TIMESTAMPTZ '2024-01-01' + ((g::bigint * 104729) % 600 + 60) * INTERVAL '1 day', now()"
            + " FROM generate_series(0, " + (customers - 1) + ") g WHERE (g::bigint * 7919) % 100 < 14");
        s.execute("ANALYZE crm_consent");
        System.out.printf(Locale.ROOT, "Loaded email consents in %.1f s%n", (System.nanoTime() - start) / 1e9);
      }
      s.execute("INSERT INTO crm_attribute_definition (attr_key, attr_type, description, created_at, updated_at)"
          + " VALUES ('loyalty_tier', 'STRING', 'SegmentBenchmark', now(), now()) ON CONFLICT DO NOTHING");
      boolean attributes;
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM crm_customer_attribute WHERE attr_key = 'loyalty_tier'")) {
        r.next();
        attributes = r.getLong(1) > 0;
      }
      if (!attributes) {
        // 20 %: bronze, silver, gold (2 % gold)
        s.execute("INSERT INTO crm_customer_attribute (customer_id, attr_key, value_text) SELECT " + first
            + " + g, 'loyalty_tier', CASE WHEN g % 50 = 3 THEN 'gold' WHEN g % 10 < 1 THEN 'silver' ELSE 'bronze' END"
            + " FROM generate_series(0, " + (customers - 1) + ") g WHERE g % 5 = 0 OR g % 50 = 3");
        s.execute("ANALYZE crm_customer_attribute");
      }
      long scored;
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM crm_customer_score")) {
        r.next();
        scored = r.getLong(1);
      }
      if (scored == 0) {
        long start = System.nanoTime();
        c.setAutoCommit(false);
        int n = BenchEngine.scores(c, BenchData.HISTORY_END);
        c.commit();
        c.setAutoCommit(true);
        s.execute("ANALYZE crm_customer_score");
        System.out.printf(Locale.ROOT, "Scores of %,d customers as of %s in %.1f s (RfmScorer)%n", n,
            BenchData.HISTORY_END, (System.nanoTime() - start) / 1e9);
      }
      // The hand-written maintenance's tables: crm_segment_member's and crm_segment_work's shape and indexes.
      s.execute("CREATE TABLE IF NOT EXISTS bench_hand_member (LIKE crm_segment_member INCLUDING ALL,"
          + " FOREIGN KEY (segment_id) REFERENCES crm_segment (id),"
          + " FOREIGN KEY (customer_id) REFERENCES crm_customer (id))");
      s.execute("CREATE UNLOGGED TABLE IF NOT EXISTS bench_hand_work (LIKE crm_segment_work INCLUDING ALL)");
    }
  }

  private static void cleanUp(Connection c, List<Def> defs) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("TRUNCATE bench_hand_member, bench_hand_work");
    }
    // Dependents first. Deleted over JDBC (SegmentStore.delete), not REST: a REST delete announces every exit.
    c.setAutoCommit(false);
    for (int i = defs.size() - 1; i >= 0; i--) {
      for (String key : List.of(SHADOW + defs.get(i).key(), defs.get(i).key())) {
        long id = BenchEngine.id(c, key);
        if (id >= 0) {
          BenchEngine.delete(c, id);
        }
      }
    }
    c.commit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE crm_segment_member");
    }
  }

  /**
   * {@code --no-autovacuum}: statistics as they were found on a machine with autovacuum off. Both engine tables are
   * vacuumed and analyzed while empty (after {@link #cleanUp}), so that PostgreSQL records them as empty, and the
   * benchmark never refreshes them afterwards. Statements of the benchmark's own session (the engine at the JDBC
   * level) are cancelled after the server's transaction timeout, so that a stale plan cannot stall the run.
   */
  private static void staleStatistics(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String table : List.of("crm_segment_member", "crm_segment_work")) {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          r.next();
          if (r.getLong(1) != 0) {
            System.out.printf(Locale.ROOT, "--no-autovacuum: %s holds %,d rows after the clean-up (other segments"
                + " than bench-*): it is not recorded empty%n", table, r.getLong(1));
          }
        }
        s.execute("VACUUM ANALYZE " + table);
      }
      s.execute("SET statement_timeout = '" + TIMEOUT_SECONDS + "s'");
    }
    System.out.println("--no-autovacuum: " + statistics(c));
  }

  /** pg_class's recorded size of the engine's two tables, against their real size. */
  private static String statistics(Connection c) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT relname, relpages, reltuples,"
        + " pg_relation_size(oid) / current_setting('block_size')::int FROM pg_class"
        + " WHERE oid IN (to_regclass('crm_segment_member'), to_regclass('crm_segment_work')) ORDER BY relname")) {
      while (r.next()) {
        b.append(b.length() == 0 ? "" : "; ").append("%s recorded %,d pages / %,.0f rows (now %,d pages)".formatted(
            r.getString(1), r.getLong(2), r.getDouble(3), r.getLong(4)));
      }
    }
    return b.toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // 1. Full recompute

  private record Timing(double wallMs, double reportedMs, long entered, long exited, long members) {}

  private static List<String> full(HttpClient http, String base, Connection c, List<Def> defs, boolean rest,
      Heap heap, boolean explainAll) throws Exception {
    heap.phase("full recompute");
    List<String> out = new ArrayList<>();
    List<String> selection = new ArrayList<>();
    List<String> explain = new ArrayList<>();
    out.add("");
    out.add("Full recompute, ms (steady state: median of %d re-evaluations; engine JDBC = MembershipUpdater.recompute"
        .formatted(ROUNDS) + " in the benchmark's JVM; hand = the same statements with the hand-written selection)");
    out.add("| segment | members | first: REST define (wall) | first: engine JDBC | first: hand SQL | ratio JDBC/hand"
        + " | steady: REST millis | steady: REST wall | steady: engine JDBC | steady: hand SQL | ratio REST millis/hand"
        + " | ratio JDBC/hand |");
    out.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
    selection.add("");
    selection.add("Selection query alone (SELECT COUNT(*) over it), ms, median of %d after one warm-up run"
        .formatted(ROUNDS));
    selection.add("| segment | rows | compiled rule | hand-written | ratio | compiled, scoped to 50 customers |");
    selection.add("|---|---|---|---|---|---|");
    List<Long> sample = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM crm_customer WHERE id >= "
        + BenchData.FIRST_CUSTOMER + " ORDER BY md5(id::text) LIMIT 50")) {
      while (r.next()) {
        sample.add(r.getLong(1));
      }
    }
    for (Def d : defs) {
      System.out.println("\n== " + d.key());
      // Warm-up: both selections once (the history is read from the OS cache afterwards).
      Instant asOf = Instant.now();
      CompiledRule compiled = BenchEngine.compile(c, d.key(), d.rule(), asOf, null);
      long compiledRows = count(c, compiled.sql(), s -> compiled.bind(s));
      long handRows = count(c, d.hand(), s -> bind(s, d.parameters(), asOf, 1));
      System.out.printf(Locale.ROOT, "  warm-up: compiled %,d rows, hand %,d rows%n", compiledRows, handRows);
      double[] compiledMs = new double[ROUNDS];
      double[] handMs = new double[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        Instant at = Instant.now();
        CompiledRule rule = BenchEngine.compile(c, d.key(), d.rule(), at, null);
        long t0 = System.nanoTime();
        count(c, rule.sql(), s -> rule.bind(s));
        long t1 = System.nanoTime();
        count(c, d.hand(), s -> bind(s, d.parameters(), at, 1));
        long t2 = System.nanoTime();
        compiledMs[i] = (t1 - t0) / 1e6;
        handMs[i] = (t2 - t1) / 1e6;
      }
      double cm = median(compiledMs);
      double hm = median(handMs);
      // What an incremental batch runs per segment: the rule scoped to a few customers.
      double[] scopedMs = new double[5];
      for (int i = -1; i < scopedMs.length; i++) {
        CompiledRule scoped = BenchEngine.compile(c, d.key(), d.rule(), Instant.now(), sample);
        long t0 = System.nanoTime();
        count(c, scoped.sql(), s -> scoped.bind(s));
        if (i >= 0) {
          scopedMs[i] = (System.nanoTime() - t0) / 1e6;
        }
      }
      selection.add("| %s | %,d | %.0f | %.0f | %.2f | %.1f |".formatted(d.key(), handRows, cm, hm, cm / hm,
          median(scopedMs)));
      System.out.println("  " + selection.get(selection.size() - 1));
      if (explainAll || cm / hm > 1.3) {
        explain.addAll(explain(c, d, asOf));
      }

      // First evaluation: REST define (evaluates at once), the engine at the JDBC level on a shadow row, hand SQL.
      Timing restFirst = null;
      long segmentId;
      if (rest) {
        restFirst = define(http, base, d);
        segmentId = BenchEngine.id(c, d.key());
      } else {
        segmentId = defineJdbc(c, d);
      }
      c.setAutoCommit(false);
      long shadowId = BenchEngine.defineShadow(c, SHADOW + d.key(), d.name());
      c.commit();
      c.setAutoCommit(true);
      Timing jdbcFirst = jdbcRecompute(c, shadowId, d);
      if (!rest) {
        jdbcRecompute(c, segmentId, d); // the real segment's members, for segments referring to it
      }
      Timing handFirst = hand(c, segmentId, d);
      check(c, d, segmentId, shadowId);
      autovacuum(c);
      double[] restMillis = new double[ROUNDS];
      double[] restWall = new double[ROUNDS];
      double[] jdbcMs = new double[ROUNDS];
      double[] handSteady = new double[ROUNDS];
      long changes = 0;
      if (noAutovacuum) {
        System.out.println("  statistics before the re-evaluations: " + statistics(c));
      }
      for (int i = 0; i < ROUNDS; i++) {
        if (rest) {
          long t0 = System.nanoTime();
          try {
            Timing t = evaluate(http, base, d.key());
            restMillis[i] = t.reportedMs();
            restWall[i] = t.wallMs();
            changes += t.entered() + t.exited();
          } catch (IllegalStateException e) {
            // Counted as a timeout: the median then shows it as over the limit.
            restMillis[i] = Double.POSITIVE_INFINITY;
            restWall[i] = (System.nanoTime() - t0) / 1e6;
            failedEvaluations++;
            System.out.printf(Locale.ROOT, "  FAILED after %.1f s: %s%n", restWall[i] / 1e3, e.getMessage());
          }
        }
        long t0 = System.nanoTime();
        try {
          Timing j = jdbcRecompute(c, shadowId, d);
          jdbcMs[i] = j.wallMs();
          changes += j.entered() + j.exited();
        } catch (SQLException e) {
          jdbcMs[i] = Double.POSITIVE_INFINITY;
          failedEvaluations++;
          System.out.printf(Locale.ROOT, "  engine JDBC FAILED after %.1f s: %s%n", (System.nanoTime() - t0) / 1e9,
              e.getMessage());
        }
        handSteady[i] = hand(c, segmentId, d).wallMs();
      }
      double rm = median(restMillis);
      double jm = median(jdbcMs);
      double hs = median(handSteady);
      out.add("| %s | %,d | %s | %.0f | %.0f | %.2f | %s | %s | %.0f | %.0f | %s | %.2f |".formatted(d.key(),
          handFirst.members(), restFirst == null ? "–" : "%.0f".formatted(restFirst.wallMs()), jdbcFirst.wallMs(),
          handFirst.wallMs(), jdbcFirst.wallMs() / handFirst.wallMs(), rest ? "%.0f".formatted(rm) : "–",
          rest ? "%.0f".formatted(median(restWall)) : "–", jm, hs, rest ? "%.2f".formatted(rm / hs) : "–", jm / hs));
      System.out.println("  " + out.get(out.size() - 1) + " (changes in the re-evaluations: " + changes + ")");
    }
    if (noAutovacuum) {
      out.add("");
      out.add("--no-autovacuum: crm_segment_member and crm_segment_work recorded empty before the run and never"
          + " vacuumed or analyzed by the benchmark; failed or timed-out re-evaluations: " + failedEvaluations);
    }
    out.addAll(selection);
    explain.forEach(System.out::println);
    return out;
  }

  /**
   * What autovacuum does after a first evaluation added hundreds of thousands of rows (it is off on the
   * benchmark machine). Without fresh statistics, PostgreSQL planned the next recompute's anti-join against
   * crm_segment_work as a quadratic nested loop (see docs/performance.md).
   */
  private static void autovacuum(Connection c) throws SQLException {
    // With --no-autovacuum only the hand-written job's tables: it is the baseline with fresh statistics.
    List<String> tables = noAutovacuum ? List.of("bench_hand_member", "bench_hand_work")
        : List.of("crm_segment_member", "crm_segment_work", "bench_hand_member", "bench_hand_work");
    try (Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute("VACUUM ANALYZE " + table);
      }
    }
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private static long count(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM (" + sql + ") q")) {
      binder.bind(s);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static Timing jdbcRecompute(Connection c, long segmentId, Def d) throws SQLException {
    c.setAutoCommit(false);
    try {
      long t0 = System.nanoTime();
      Instant now = Instant.now();
      CompiledRule rule = BenchEngine.compile(c, d.key(), d.rule(), now, null);
      BenchEngine.Result r = BenchEngine.recompute(c, segmentId, rule, now);
      c.commit();
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Timing(ms, ms, r.entered(), r.exited(), r.members());
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The hand-written job: the same set operations as the engine, with the DBA's selection, one transaction. */
  private static Timing hand(Connection c, long segmentId, Def d) throws SQLException {
    c.setAutoCommit(false);
    try {
      long t0 = System.nanoTime();
      Instant now = Instant.now();
      java.time.OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
      try (PreparedStatement s = c.prepareStatement("DELETE FROM bench_hand_work WHERE segment_id = ?")) {
        s.setLong(1, segmentId);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO bench_hand_work (segment_id, customer_id)"
          + " SELECT ?, q.id FROM (" + d.hand() + ") q")) {
        s.setLong(1, segmentId);
        bind(s, d.parameters(), now, 2);
        s.executeUpdate();
      }
      long exited;
      try (PreparedStatement s = c.prepareStatement("UPDATE bench_hand_member m SET left_at = ? WHERE segment_id = ?"
          + " AND left_at IS NULL AND NOT EXISTS (SELECT 1 FROM bench_hand_work w WHERE w.segment_id = m.segment_id"
          + " AND w.customer_id = m.customer_id)")) {
        s.setObject(1, at);
        s.setLong(2, segmentId);
        exited = s.executeUpdate();
      }
      // As the engine does it: the members who stay leave the scratch rows, the rest enter (an insert reading the
      // table it writes can be planned as a quadratic nested loop when that table has no pages yet).
      try (PreparedStatement s = c.prepareStatement("DELETE FROM bench_hand_work w WHERE w.segment_id = ?"
          + " AND EXISTS (SELECT 1 FROM bench_hand_member m WHERE m.segment_id = w.segment_id"
          + " AND m.customer_id = w.customer_id AND m.left_at IS NULL)")) {
        s.setLong(1, segmentId);
        s.executeUpdate();
      }
      long entered;
      try (PreparedStatement s = c.prepareStatement("INSERT INTO bench_hand_member (segment_id, customer_id,"
          + " entered_at) SELECT w.segment_id, w.customer_id, ? FROM bench_hand_work w WHERE w.segment_id = ?")) {
        s.setObject(1, at);
        s.setLong(2, segmentId);
        entered = s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM bench_hand_work WHERE segment_id = ?")) {
        s.setLong(1, segmentId);
        s.executeUpdate();
      }
      long members;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM bench_hand_member WHERE segment_id = ?"
          + " AND left_at IS NULL")) {
        s.setLong(1, segmentId);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          members = r.getLong(1);
        }
      }
      c.commit();
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Timing(ms, ms, entered, exited, members);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Engine (REST-defined and shadow) and hand memberships must be the same set. */
  private static void check(Connection c, Def d, long segmentId, long shadowId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT"
        + " (SELECT COUNT(*) FROM (SELECT customer_id FROM crm_segment_member WHERE segment_id = ? AND left_at IS NULL"
        + " EXCEPT SELECT customer_id FROM bench_hand_member WHERE segment_id = ? AND left_at IS NULL) x),"
        + " (SELECT COUNT(*) FROM (SELECT customer_id FROM bench_hand_member WHERE segment_id = ? AND left_at IS NULL"
        + " EXCEPT SELECT customer_id FROM crm_segment_member WHERE segment_id = ? AND left_at IS NULL) y),"
        + " (SELECT COUNT(*) FROM (SELECT customer_id FROM crm_segment_member WHERE segment_id = ? AND left_at IS NULL"
        + " EXCEPT SELECT customer_id FROM crm_segment_member WHERE segment_id = ? AND left_at IS NULL) z)")) {
      s.setLong(1, segmentId);
      s.setLong(2, segmentId);
      s.setLong(3, segmentId);
      s.setLong(4, segmentId);
      s.setLong(5, shadowId);
      s.setLong(6, segmentId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        String verdict = r.getLong(1) + r.getLong(2) + r.getLong(3) == 0 ? "same members"
            : "DIFFERENT members: engine-only %d, hand-only %d, shadow-only %d".formatted(r.getLong(1), r.getLong(2),
                r.getLong(3));
        System.out.println("  check " + d.key() + ": " + verdict);
      }
    }
  }

  private static List<String> explain(Connection c, Def d, Instant asOf) throws SQLException {
    List<String> out = new ArrayList<>();
    CompiledRule rule = BenchEngine.compile(c, d.key(), d.rule(), asOf, null);
    out.add("");
    out.add("EXPLAIN (ANALYZE, BUFFERS) " + d.key() + ", compiled:");
    out.add(rule.sql());
    out.addAll(plan(c, rule.sql(), s -> rule.bind(s)));
    out.add("EXPLAIN (ANALYZE, BUFFERS) " + d.key() + ", hand-written:");
    out.add(d.hand());
    out.addAll(plan(c, d.hand(), s -> bind(s, d.parameters(), asOf, 1)));
    return out;
  }

  private static List<String> plan(Connection c, String sql, Binder binder) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) SELECT COUNT(*) FROM (" + sql + ") q")) {
      binder.bind(s);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          lines.add("    " + r.getString(1));
        }
      }
    }
    return lines;
  }

  private static long defineJdbc(Connection c, Def d) throws SQLException {
    // Without the Segments REST API: a DYNAMIC row the server's incremental updates maintain, evaluated here.
    c.setAutoCommit(false);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_segment (segment_key, name, kind, rule_json,"
        + " member_count, version, created_at, updated_at) VALUES (?, ?, 'DYNAMIC', ?, 0, 1, now(), now())"
        + " RETURNING id")) {
      s.setString(1, d.key());
      s.setString(2, d.name());
      s.setString(3, BenchEngine.json(d.rule()));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        long id = r.getLong(1);
        c.commit();
        return id;
      }
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void defineOnly(HttpClient http, String base, Connection c, List<Def> defs, boolean rest)
      throws Exception {
    for (Def d : defs) {
      if (rest) {
        define(http, base, d);
      } else {
        jdbcRecompute(c, defineJdbc(c, d), d);
      }
    }
  }

  private static Timing define(HttpClient http, String base, Def d) throws Exception {
    String body = "{\"key\":\"%s\",\"name\":\"%s\",\"kind\":\"DYNAMIC\",\"rule\":%s}".formatted(d.key(), d.name(),
        BenchEngine.json(d.rule()));
    long t0 = System.nanoTime();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/crm/api/segments"))
        .header("Authorization", basic("admin")).header("Content-Type", "application/json")
        .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - t0) / 1e6;
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST /segments " + d.key() + ": " + response.statusCode() + " " + response.body());
    }
    System.out.println("  defined: " + response.body());
    long members = (long) number(response.body(), "memberCount");
    return new Timing(ms, Double.NaN, members, 0, members);
  }

  private static Timing evaluate(HttpClient http, String base, String key) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/crm/api/segments/" + key
        + "/evaluation")).header("Authorization", basic("admin")).timeout(Duration.ofMinutes(10))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - t0) / 1e6;
    if (response.statusCode() != 200) {
      throw new IllegalStateException("evaluation of " + key + ": " + response.statusCode() + " " + response.body());
    }
    String b = response.body();
    return new Timing(ms, number(b, "millis"), (long) number(b, "entered"), (long) number(b, "exited"),
        (long) number(b, "members"));
  }

  private static boolean restAvailable(HttpClient http, String base) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/crm/api/segments"))
        .header("Authorization", basic("admin")).GET().build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200;
  }

  // ---------------------------------------------------------------------------------------------------------
  // 2. Incremental latency

  /** One change: the customer, the segment it should enter, and the request. */
  private record Change(long customerId, long segmentId, String kind, HttpRequest request) {}

  private static List<String> incremental(HttpClient http, String base, Connection c, List<Def> defs, int offset,
      int rate, int seconds, String run, Heap heap) throws Exception {
    int total = rate * seconds;
    if (noAutovacuum) {
      System.out.println("--no-autovacuum, before the incremental part: " + statistics(c));
    }
    long repeatId = BenchEngine.id(c, PREFIX + "repeat-90");
    long stageId = BenchEngine.id(c, PREFIX + "de-active");
    Instant now = Instant.now();
    // Customers just below the threshold: one counted purchase in the window, not members; and LEADs in Germany.
    List<long[]> buyers = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT p.customer_id FROM crm_purchase p WHERE p.placed_at >= ?"
        + " AND p.placed_at <= ? AND p." + COUNTED + " AND p.customer_id >= " + BenchData.FIRST_CUSTOMER
        + " GROUP BY p.customer_id HAVING COUNT(*) = 1 AND NOT EXISTS (SELECT 1 FROM crm_segment_member m"
        + " WHERE m.segment_id = ? AND m.customer_id = p.customer_id AND m.left_at IS NULL)"
        + " ORDER BY md5(p.customer_id::text || ?) LIMIT ?")) {
      s.setObject(1, now.minus(Duration.ofDays(offset + 90)).atOffset(ZoneOffset.UTC));
      s.setObject(2, now.atOffset(ZoneOffset.UTC));
      s.setLong(3, repeatId);
      s.setString(4, run);
      s.setInt(5, (total + 1) / 2);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          buyers.add(new long[] {r.getLong(1)});
        }
      }
    }
    // Other customers than the buyers: each change is the only one of its customer.
    java.util.Set<Long> buying = new java.util.HashSet<>();
    buyers.forEach(b -> buying.add(b[0]));
    List<long[]> leads = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, version FROM crm_customer WHERE status = 'ACTIVE'"
        + " AND country = 'DE' AND lifecycle_stage = 'LEAD' AND id >= " + BenchData.FIRST_CUSTOMER
        + " ORDER BY md5(id::text || ?) LIMIT ?")) {
      s.setString(1, run + "-lead");
      s.setInt(2, total / 2 + buyers.size());
      try (ResultSet r = s.executeQuery()) {
        while (r.next() && leads.size() < total / 2) {
          if (!buying.contains(r.getLong(1))) {
            leads.add(new long[] {r.getLong(1), r.getLong(2)});
          }
        }
      }
    }
    List<Change> changes = new ArrayList<>();
    Instant placed = Instant.now();
    for (int i = 0; i < total; i++) {
      boolean purchase = i % 2 == 0;
      if (purchase && i / 2 < buyers.size()) {
        long customer = buyers.get(i / 2)[0];
        String body = ("{\"customerId\":%d,\"sourceSystem\":\"bench-seg\",\"orderId\":\"%s-%d\",\"status\":\"PAID\","
            + "\"currency\":\"EUR\",\"placedAt\":\"%s\",\"sourceUpdatedAt\":\"%s\",\"lines\":[{\"sku\":\"SKU-1\","
            + "\"quantity\":1,\"unitPrice\":49.90}]}").formatted(customer, run, i, placed, placed);
        changes.add(new Change(customer, repeatId, "purchase", HttpRequest.newBuilder(URI.create(base
            + "/crm/api/purchases")).header("Authorization", basic("integration"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build()));
      } else if (!purchase && i / 2 < leads.size()) {
        long[] lead = leads.get(i / 2);
        changes.add(new Change(lead[0], stageId, "profile", HttpRequest.newBuilder(URI.create(base
            + "/crm/api/customers/" + lead[0])).header("Authorization", basic("integration"))
            .header("Content-Type", "application/merge-patch+json").header("If-Match", "\"" + lead[1] + "\"")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"lifecycleStage\":\"ACTIVE\"}")).build()));
      }
    }
    System.out.printf(Locale.ROOT, "%nIncremental: %,d changes (%,d purchases, %,d profile updates) at %d/s%n",
        changes.size(), changes.stream().filter(x -> x.kind().equals("purchase")).count(),
        changes.stream().filter(x -> x.kind().equals("profile")).count(), rate);

    // Warm-up of the request paths with a few changes outside the measurement (not counted).
    heap.phase("incremental");
    Map<Long, Long> responded = new ConcurrentHashMap<>(); // customer -> response nanoTime
    Map<Long, Long> segmentOf = new HashMap<>();
    changes.forEach(x -> segmentOf.put(x.customerId(), x.segmentId()));
    long[] requestNanos = new long[changes.size()];
    long[] visibleNanos = new long[changes.size()];
    boolean[] visible = new boolean[changes.size()];
    List<Long> pollNanos = new ArrayList<>();
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      index.put(changes.get(i).customerId(), i);
    }
    AtomicInteger failures = new AtomicInteger();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    ExecutorService senders = Executors.newFixedThreadPool(16);
    java.util.concurrent.ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime() + 200_000_000L;
    long periodNanos = 1_000_000_000L / rate;
    for (int i = 0; i < changes.size(); i++) {
      Change x = changes.get(i);
      int n = i;
      long due = start + n * periodNanos;
      clock.schedule(() -> senders.submit(() -> {
        long t0 = System.nanoTime();
        try {
          HttpResponse<String> response = http.send(x.request(), HttpResponse.BodyHandlers.ofString());
          long t1 = System.nanoTime();
          if (response.statusCode() / 100 != 2) {
            failures.incrementAndGet();
            errors.add(response.statusCode() + " " + response.body());
            return;
          }
          requestNanos[n] = t1 - t0;
          responded.put(x.customerId(), t1);
        } catch (Exception e) {
          failures.incrementAndGet();
          errors.add(e.toString());
        }
      }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    // The poller: one query for every customer whose response has arrived and whose membership is not yet seen.
    long deadline = start + seconds * 1_000_000_000L + 30_000_000_000L;
    int seen = 0;
    int polls = 0;
    long lastResponse = 0;
    // The poll must stay an index lookup whatever the statistics say (a scan of the membership table would blur the
    // measurement and load the server's cores): this session only.
    try (Statement s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
    }
    try (PreparedStatement poll = c.prepareStatement("SELECT customer_id, segment_id FROM crm_segment_member"
        + " WHERE left_at IS NULL AND customer_id = ANY (?) AND segment_id IN (?, ?)")) {
      while (System.nanoTime() < deadline) {
        if (responded.isEmpty()) {
          if (seen + failures.get() >= changes.size()) {
            break;
          }
          Thread.sleep(15);
          continue;
        }
        long pollStart = System.nanoTime();
        Long[] pending = responded.keySet().toArray(new Long[0]);
        Array ids = c.createArrayOf("bigint", pending);
        poll.setArray(1, ids);
        poll.setLong(2, repeatId);
        poll.setLong(3, stageId);
        try (ResultSet r = poll.executeQuery()) {
          while (r.next()) {
            long customer = r.getLong(1);
            if (r.getLong(2) != segmentOf.get(customer)) {
              continue;
            }
            Long at = responded.remove(customer);
            if (at != null) {
              int n = index.get(customer);
              // Visible no later than this poll's snapshot, taken when it started.
              visibleNanos[n] = Math.max(0, pollStart - at);
              visible[n] = true;
              lastResponse = Math.max(lastResponse, at);
              seen++;
            }
          }
        }
        polls++;
        long spent = System.nanoTime() - pollStart;
        pollNanos.add(spent);
        if (spent < 15_000_000L) {
          Thread.sleep((15_000_000L - spent) / 1_000_000L);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("RESET enable_seqscan");
    }
    clock.shutdown();
    senders.shutdown();
    senders.awaitTermination(1, TimeUnit.MINUTES);
    heap.phase("after");
    double elapsed = (lastResponse - start) / 1e9;
    long[] requests = Arrays.stream(requestNanos).filter(v -> v > 0).toArray();
    int sent = changes.size();
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(("Incremental: %,d changes through REST at %d/s for %d s (half POST /purchases making a second purchase in"
        + " the 90-day window, half PATCH /customers/{id} LEAD -> ACTIVE); visible = the customer's open row in"
        + " crm_segment_member, one poll for all pending customers every 15 ms or as fast as it returns (%,d polls,"
        + " p50 %.1f ms, p95 %.1f ms each)").formatted(sent, rate, seconds, polls,
        pct(pollNanos.stream().mapToLong(Long::longValue).toArray(), 50),
        pct(pollNanos.stream().mapToLong(Long::longValue).toArray(), 95)));
    out.add("| figure | p50 ms | p95 ms | p99 ms | max ms | count |");
    out.add("|---|---|---|---|---|---|");
    out.add("| baseline: REST request latency (send to response) | %.1f | %.1f | %.1f | %.1f | %,d |".formatted(
        pct(requests, 50), pct(requests, 95), pct(requests, 99), pct(requests, 100), requests.length));
    long[] latencies = null;
    for (String kind : List.of("all", "purchase", "profile")) {
      long[] l = java.util.stream.IntStream.range(0, sent).filter(i -> visible[i])
          .filter(i -> kind.equals("all") || changes.get(i).kind().equals(kind)).mapToLong(i -> visibleNanos[i])
          .toArray();
      latencies = latencies == null ? l : latencies;
      out.add("| response to membership visible (%s) | %.1f | %.1f | %.1f | %.1f | %,d |".formatted(kind.equals("all")
          ? "all changes" : kind.equals("purchase") ? "purchases -> repeat-90" : "profile -> de-active",
          pct(l, 50), pct(l, 95), pct(l, 99), pct(l, 100), l.length));
    }
    out.add("| ratio visible / request (p50; p99) | %.1f | | %.1f | | |".formatted(pct(latencies, 50) / pct(requests, 50),
        pct(latencies, 99) / pct(requests, 99)));
    out.add("");
    out.add("Achieved rate: %.1f changes/s (%,d responses in %.1f s); failed requests: %d; never visible within 30 s: %d"
        .formatted(requests.length / elapsed, requests.length, elapsed, failures.get(), responded.size()));
    if (!errors.isEmpty()) {
      System.out.println("e.g. " + errors.peek());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // 3. Memory

  /** Samples the server's used heap every 500 ms, per phase. */
  private static final class Heap {
    private final HttpClient http;
    private final String base;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private volatile String phase = "idle";
    private volatile boolean running;
    private volatile double max = Double.NaN;
    private Thread thread;

    Heap(HttpClient http, String base) {
      this.http = http;
      this.base = base;
    }

    void phase(String name) {
      phase = name;
    }

    void start() {
      running = true;
      thread = new Thread(() -> {
        while (running) {
          try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics?scope=base")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
            double used = metric(metrics, "memory_usedHeap_bytes");
            max = metric(metrics, "memory_maxHeap_bytes");
            synchronized (samples) {
              samples.computeIfAbsent(phase, k -> new ArrayList<>()).add(used);
            }
            Thread.sleep(500);
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            // a missed sample
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(2000);
    }

    private static double metric(String text, String name) {
      Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\}\\s+([0-9.Ee+-]+)").matcher(text);
      return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    List<String> table() {
      List<String> out = new ArrayList<>();
      out.add("");
      out.add("Server heap (memory_usedHeap_bytes, every 500 ms); max heap %.0f MB".formatted(max / 1048576));
      out.add("| phase | samples | mean MB | p95 MB | max MB |");
      out.add("|---|---|---|---|---|");
      synchronized (samples) {
        samples.forEach((k, v) -> {
          long[] mb = v.stream().mapToLong(x -> Math.round(x / 1048576 * 1e6)).toArray();
          out.add("| %s | %d | %.0f | %.0f | %.0f |".formatted(k, v.size(),
              v.stream().mapToDouble(x -> x / 1048576).average().orElse(Double.NaN), pct(mb, 95),
              pct(mb, 100)));
        });
      }
      return out;
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Percentile of nanosecond values, in ms. */
  private static double pct(long[] nanos, int p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+-]+)").matcher(json);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static String arg(String[] args, String name, String fallback) {
    int at = Arrays.asList(args).indexOf(name);
    return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
  }
}

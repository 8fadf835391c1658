package org.clientele.crm.bench;

import java.net.URI;
import java.net.URLEncoder;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Customer search latency on a large profile base. Loads {@code --customers} synthetic profiles (default
 * one million) straight into the CRM's tables of a running server's PostgreSQL schema, then times each
 * search through the REST API against hand-written SQL for the same page and total over JDBC, in the
 * same run, on the same data. Reports p50 and p99.
 *
 * <p>{@code mvn -q -pl crm-bench exec:java -Dbench=SearchBenchmark
 * -Dexec.args="--schema clientele_bench"} (see docs/performance.md).
 */
public final class SearchBenchmark {

  private static final int ROUNDS = 200;

  private SearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int customers = Integer.parseInt(arg(args, "--customers", "1000000"));
    String schema = arg(args, "--schema", "clientele_bench");
    String base = arg(args, "--url", "http://localhost:9080");
    String jdbc = arg(args, "--jdbc", "jdbc:postgresql://127.0.0.1:5432/test");

    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      c.setSchema(schema);
      load(c, customers);

      // name prefix, exact email, phone prefix, tag, stage: each as REST query and as hand-written SQL.
      Map<String, Query> queries = new LinkedHashMap<>();
      queries.put("name prefix", new Query(i -> "name=family" + (i % 50_000),
          "c.family_name_key LIKE ? OR c.given_name_key LIKE ? OR c.full_name_key LIKE ?",
          i -> List.of("family" + (i % 50_000) + "%", "family" + (i % 50_000) + "%", "family" + (i % 50_000) + "%")));
      queries.put("exact email", new Query(i -> "email=user" + (i * 7919 % customers) + "@bench.example",
          "EXISTS (SELECT 1 FROM crm_customer_match_key k WHERE k.customer_id = c.id AND k.kind = 'EMAIL' AND k.key_value = ?)",
          i -> List.of("user" + (i * 7919 % customers) + "@bench.example")));
      queries.put("phone prefix", new Query(i -> "phonePrefix=" + URLEncoder.encode("+4930" + (1000 + i % 9000), StandardCharsets.UTF_8),
          "c.phone LIKE ?", i -> List.of("+4930" + (1000 + i % 9000) + "%")));
      queries.put("tag", new Query(i -> "tag=tag" + (i % 1000),
          "EXISTS (SELECT 1 FROM crm_customer_tag t WHERE t.customer_id = c.id AND t.tag = ?)",
          i -> List.of("tag" + (i % 1000))));

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String auth = "Basic " + Base64.getEncoder().encodeToString("agent:agent".getBytes(StandardCharsets.UTF_8));
      System.out.printf(Locale.ROOT, "%nSearch on %,d profiles (page of 50 + total capped at 10,000), %d queries each%n", customers, ROUNDS);
      System.out.println("| search | REST p50 ms | REST p99 ms | SQL p50 ms | SQL p99 ms | ratio p50 |");
      System.out.println("|---|---|---|---|---|---|");
      for (var entry : queries.entrySet()) {
        Query q = entry.getValue();
        for (int w = 0; w < 20; w++) { // warm-up
          rest(http, base, auth, q.rest().apply(w + 10_000));
          sql(c, q, w + 10_000);
        }
        long[] restTimes = new long[ROUNDS];
        long[] sqlTimes = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
          long t0 = System.nanoTime();
          rest(http, base, auth, q.rest().apply(i));
          long t1 = System.nanoTime();
          sql(c, q, i);
          long t2 = System.nanoTime();
          restTimes[i] = t1 - t0;
          sqlTimes[i] = t2 - t1;
        }
        double restP50 = percentile(restTimes, 50);
        double sqlP50 = percentile(sqlTimes, 50);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", entry.getKey(), restP50,
            percentile(restTimes, 99), sqlP50, percentile(sqlTimes, 99), restP50 / sqlP50);
      }
    }
  }

  private record Query(java.util.function.IntFunction<String> rest, String where,
      java.util.function.IntFunction<List<String>> parameters) {}

  private static void rest(HttpClient http, String base, String auth, String query) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/crm/api/customers?" + query))
        .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Search failed: " + response.statusCode() + " " + response.body());
    }
  }

  /** The page and the total, as a hand-written query would fetch them. */
  private static void sql(Connection c, Query q, int i) throws SQLException {
    String where = " FROM crm_customer c WHERE c.status = 'ACTIVE' AND (" + q.where() + ")";
    List<String> params = q.parameters().apply(i);
    try (PreparedStatement page = c.prepareStatement("SELECT c.id, c.given_name, c.family_name, c.email, c.phone,"
            + " c.lifecycle_stage, c.updated_at" + where + " ORDER BY c.id LIMIT 50");
        // The same capped total the CRM computes (counting stops after 10,000 matches).
        PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1" + where + " LIMIT 10001) m")) {
      for (int p = 0; p < params.size(); p++) {
        page.setString(p + 1, params.get(p));
        count.setString(p + 1, params.get(p));
      }
      try (ResultSet rs = page.executeQuery()) {
        while (rs.next()) {
          rs.getLong(1);
        }
      }
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
      }
    }
  }

  /** Synthetic profiles with the columns and keys registration would write; ids far above the server's. */
  private static void load(Connection c, int customers) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM crm_customer_tag WHERE customer_id >= 100000000");
      s.execute("DELETE FROM crm_customer_match_key WHERE customer_id >= 100000000");
      s.execute("DELETE FROM crm_customer WHERE id >= 100000000");
      long start = System.nanoTime();
      s.execute("INSERT INTO crm_customer (id, version, given_name, family_name, given_name_key, family_name_key,"
          + " full_name_key, email, email_local, phone, postal_code, country, lifecycle_stage, status, created_at, updated_at)"
          + " SELECT 100000000 + g, 1, 'Given' || g, 'Family' || (g % 50000), 'given' || g, 'family' || (g % 50000),"
          + " 'given' || g || ' family' || (g % 50000), 'user' || g || '@bench.example', 'user' || g,"
          + " '+4930' || (10000000 + g), lpad((g % 99999)::text, 5, '0'), 'DE',"
          + " (ARRAY['LEAD','PROSPECT','ACTIVE','AT_RISK','CHURNED'])[g % 5 + 1], 'ACTIVE', now(), now()"
          + " FROM generate_series(0, " + (customers - 1) + ") g");
      s.execute("INSERT INTO crm_customer_match_key (customer_id, kind, key_value)"
          + " SELECT 100000000 + g, 'EMAIL', 'user' || g || '@bench.example' FROM generate_series(0, " + (customers - 1) + ") g");
      s.execute("INSERT INTO crm_customer_tag (customer_id, tag)"
          + " SELECT 100000000 + g, 'tag' || (g % 1000) FROM generate_series(0, " + (customers - 1) + ") g");
      s.execute("ANALYZE crm_customer");
      s.execute("ANALYZE crm_customer_match_key");
      s.execute("ANALYZE crm_customer_tag");
      System.out.printf(Locale.ROOT, "Loaded %,d profiles in %.1f s%n", customers, (System.nanoTime() - start) / 1e9);
    }
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

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * 360° read latency for a profile with 200 interactions (issue 3): {@code GET /customers/{id}/overview}
 * (profile, 20 latest touchpoints, open conversations and follow-ups, 20 latest purchases, value) and
 * {@code GET /customers/{id}} against the hand-written SQL that reads the same rows over JDBC, in the same
 * run. The profile, its 200 interactions (every channel, some threaded into conversations) and 20 purchases
 * are created through the REST API, as an integration would.
 *
 * <p>{@code mvn -q -pl crm-bench exec:java -Dbench=OverviewBenchmark -Dexec.args="--schema clientele_bench"}
 */
public final class OverviewBenchmark {

  private static final int ROUNDS = 300;
  private static final String[] CHANNELS = {"EMAIL", "CHAT", "SOCIAL", "PHONE", "WEB", "STORE", "SMS", "PUSH"};
  private static final String[] TYPES = {"CAMPAIGN_SENT", "CAMPAIGN_OPENED", "VISIT", "INQUIRY", "MESSAGE", "NOTE"};

  private OverviewBenchmark() {}

  public static void main(String[] args) throws Exception {
    String schema = arg(args, "--schema", "clientele_bench");
    String base = arg(args, "--url", "http://localhost:9080");
    String jdbc = arg(args, "--jdbc", "jdbc:postgresql://127.0.0.1:5432/test");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String run = UUID.randomUUID().toString().substring(0, 8);

    long customer = id(send(http, base, "integration", "POST", "/crm/api/customers",
        "{\"givenName\":\"Olivia\",\"familyName\":\"Overview\",\"email\":\"olivia.%s@bench.example\",\"phone\":\"+493012345%03d\",\"tags\":[\"vip\",\"newsletter\"],\"consents\":[{\"channel\":\"EMAIL\",\"purpose\":\"MARKETING\",\"status\":\"GRANTED\",\"source\":\"web\",\"decidedAt\":\"2026-01-01T00:00:00Z\"}]}"
            .formatted(run, Math.abs(run.hashCode()) % 1000)), "id");
    List<String> batch = new ArrayList<>();
    Instant start = Instant.parse("2026-01-01T08:00:00Z");
    for (int i = 0; i < 200; i++) {
      batch.add("""
          {"customerId":%d,"channel":"%s","type":"%s","direction":"%s","occurredAt":"%s","subject":"Touch %d",
           "summary":"Benchmark touchpoint","sourceSystem":"bench","sourceEventId":"ov-%s-%d"}"""
          .formatted(customer, CHANNELS[i % CHANNELS.length], TYPES[i % TYPES.length],
              i % 6 == 4 ? "OUTBOUND" : "INBOUND", start.plusSeconds(i * 3600L * 7), i, run, i));
    }
    send(http, base, "integration", "POST", "/crm/api/interactions/batch", "[" + String.join(",", batch) + "]");
    for (int i = 0; i < 20; i++) {
      String day = start.plusSeconds(i * 86400L * 9).toString();
      send(http, base, "integration", "POST", "/crm/api/purchases", """
          {"customerId":%d,"sourceSystem":"bench","orderId":"ov-%s-%d","status":"PAID","currency":"EUR",
           "placedAt":"%s","sourceUpdatedAt":"%s","lines":[{"sku":"S%d","name":"Item","category":"c%d","quantity":%d,
           "unitPrice":19.90},{"sku":"T1","name":"Tea","category":"food","quantity":1,"unitPrice":4.50}]}"""
          .formatted(customer, run, i, day, day, i, i % 4, 1 + i % 3));
    }

    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      c.setSchema(schema);
      String overview = "/crm/api/customers/" + customer + "/overview?recent=20";
      String profile = "/crm/api/customers/" + customer;
      System.out.printf(Locale.ROOT, "%n360° read of a profile with 200 interactions and 20 purchases, %d reads each%n", ROUNDS);
      System.out.println("| read | REST p50 ms | REST p99 ms | SQL p50 ms | SQL p99 ms | ratio p50 |");
      System.out.println("|---|---|---|---|---|---|");
      measure("overview (profile + activity + value)", () -> get(http, base, overview), () -> overviewSql(c, customer));
      measure("profile only", () -> get(http, base, profile), () -> profileSql(c, customer));
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  private static void measure(String name, Action rest, Action sql) throws Exception {
    for (int w = 0; w < 50; w++) {
      rest.run();
      sql.run();
    }
    long[] restTimes = new long[ROUNDS];
    long[] sqlTimes = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      rest.run();
      long t1 = System.nanoTime();
      sql.run();
      long t2 = System.nanoTime();
      restTimes[i] = t1 - t0;
      sqlTimes[i] = t2 - t1;
    }
    double restP50 = percentile(restTimes, 50);
    double sqlP50 = percentile(sqlTimes, 50);
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f |%n", name, restP50,
        percentile(restTimes, 99), sqlP50, percentile(sqlTimes, 99), restP50 / sqlP50);
  }

  /** The profile's rows: the customer, identities, contacts, tags, attributes and consents. */
  private static void profileSql(Connection c, long id) throws SQLException {
    drain(c, "SELECT * FROM crm_customer WHERE id = ?", id);
    drain(c, "SELECT * FROM crm_customer_identity WHERE customer_id = ?", id);
    drain(c, "SELECT * FROM crm_customer_contact WHERE customer_id = ?", id);
    drain(c, "SELECT * FROM crm_customer_tag WHERE customer_id = ?", id);
    drain(c, "SELECT * FROM crm_customer_attribute WHERE customer_id = ?", id);
    drain(c, "SELECT * FROM crm_consent WHERE customer_id = ? ORDER BY decided_at DESC", id);
  }

  /** What the overview reads, as hand-written SQL: the profile, then each part of the activity. */
  private static void overviewSql(Connection c, long id) throws SQLException {
    profileSql(c, id);
    drain(c, "SELECT * FROM crm_interaction WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 20", id);
    drain(c, "SELECT * FROM crm_conversation WHERE customer_id = ? AND status IN ('OPEN', 'PENDING')"
        + " ORDER BY last_activity_at DESC LIMIT 50", id);
    drain(c, "SELECT * FROM crm_follow_up WHERE customer_id = ? AND status IN ('OPEN', 'IN_PROGRESS')"
        + " ORDER BY due_at, id LIMIT 50", id);
    drain(c, "SELECT p.*, l.* FROM (SELECT * FROM crm_purchase WHERE customer_id = ? ORDER BY placed_at DESC, id DESC"
        + " LIMIT 20) p LEFT JOIN crm_purchase_line l ON l.purchase_id = p.id", id);
    drain(c, "SELECT COUNT(*), MIN(placed_at), MAX(placed_at) FROM crm_purchase WHERE customer_id = ?"
        + " AND status NOT IN ('CANCELLED', 'REFUNDED')", id);
    drain(c, "SELECT currency, SUM(net_total) FROM crm_purchase WHERE customer_id = ? AND status <> 'CANCELLED'"
        + " GROUP BY currency", id);
  }

  private static void drain(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
          }
        }
      }
    }
  }

  private static void get(HttpClient http, String base, String path) throws Exception {
    send(http, base, "agent", "GET", path, null);
  }

  private static String send(HttpClient http, String base, String user, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
            .getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " failed: " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static long id(String json, String field) {
    int at = json.indexOf("\"" + field + "\":");
    int from = at + field.length() + 3;
    int to = from;
    while (to < json.length() && Character.isDigit(json.charAt(to))) {
      to++;
    }
    return Long.parseLong(json.substring(from, to));
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

package org.clientele.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * 360° read latency for a profile with 200 interactions (issues 3 and 9): {@code GET /customers/{id}/overview}
 * (profile, 20 latest touchpoints, open conversations and follow-ups, 20 latest purchases, value) and
 * {@code GET /customers/{id}}, and the same two reads in the server through the local EJB views, each against the
 * hand-written SQL that reads the same rows on the CRM's data source, in the same run (the in-server figures come
 * from the feeder WAR, {@code crm-bench/feeder}, which must be deployed next to the EAR). The profile, its 200
 * interactions (every channel, some threaded into conversations) and 20 purchases are created through the REST
 * API, as an integration would.
 *
 * <p>{@code mvn -q -pl crm-bench exec:java -Dbench=OverviewBenchmark -Dexec.args="--url http://localhost:9080"}
 */
public final class OverviewBenchmark {

  private static final int ROUNDS = 300;
  private static final int WARMUP = 50;
  private static final String[] CHANNELS = {"EMAIL", "CHAT", "SOCIAL", "PHONE", "WEB", "STORE", "SMS", "PUSH"};
  private static final String[] TYPES = {"CAMPAIGN_SENT", "CAMPAIGN_OPENED", "VISIT", "INQUIRY", "MESSAGE", "NOTE"};

  private OverviewBenchmark() {}

  public static void main(String[] args) throws Exception {
    String base = arg(args, "--url", "http://localhost:9080");
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

    String overview = "/crm/api/customers/" + customer + "/overview?recent=20";
    String profile = "/crm/api/customers/" + customer;
    long[] overviewRest = time(() -> get(http, base, overview));
    long[] profileRest = time(() -> get(http, base, profile));
    // the same reads in the server, through the local EJB views, against the hand-written SQL on the CRM's data
    // source (crm-bench/feeder): no HTTP on either side
    String inServer = send(http, base, "agent", "GET", "/crm-bench-feeder/overview-timing?customerId=" + customer
        + "&rounds=" + ROUNDS + "&warmup=" + WARMUP, null);
    System.out.printf(Locale.ROOT, "%n360° read of a profile with 200 interactions and 20 purchases, %d reads each%n",
        ROUNDS);
    System.out.println("| read | REST p50 / p99 ms | in-process (EJB view) p50 / p99 ms | SQL p50 / p99 ms"
        + " | ratio REST / SQL | ratio in-process / SQL |");
    System.out.println("|---|---|---|---|---|---|");
    row("overview (profile + activity + value)", overviewRest, figures(inServer, "overview"));
    row("profile only", profileRest, figures(inServer, "profile"));
  }

  private interface Action {
    void run() throws Exception;
  }

  private static long[] time(Action rest) throws Exception {
    for (int w = 0; w < WARMUP; w++) {
      rest.run();
    }
    long[] times = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      rest.run();
      times[i] = System.nanoTime() - t0;
    }
    return times;
  }

  private static void row(String name, long[] rest, double[] inServer) {
    double restP50 = percentile(rest, 50);
    System.out.printf(Locale.ROOT, "| %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f | %.2f |%n", name, restP50,
        percentile(rest, 99), inServer[0], inServer[1], inServer[2], inServer[3], restP50 / inServer[2],
        inServer[0] / inServer[2]);
  }

  /** serviceP50, serviceP99, sqlP50, sqlP99 of one read from the feeder's answer. */
  private static double[] figures(String json, String read) {
    jakarta.json.JsonObject figures;
    try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
      figures = reader.readObject().getJsonObject(read);
    }
    return java.util.stream.Stream.of("serviceP50", "serviceP99", "sqlP50", "sqlP99")
        .mapToDouble(name -> figures.getJsonNumber(name).doubleValue()).toArray();
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

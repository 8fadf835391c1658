package org.clientele.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issue 7: Shopify webhook ingest. The same signed deliveries (half customers/update, half orders/create, shaped
 * like Shopify's documented examples, each with its own ids) are posted by C concurrent HTTP/1.1 clients
 *
 * <ol>
 *   <li>to a bare endpoint in the same server that only stores the raw body ({@code crm-bench-feeder/raw}, one
 *       insert and commit): the limit;
 *   <li>to the CRM's receiver {@code /crm/hooks/shopify}: acknowledged (HMAC, parse, durable deduplicated store),
 *       then fully processed (profiles, consents and purchases applied by the asynchronous worker).
 * </ol>
 *
 * <p>Reports acknowledgements per second and acknowledgement latency (p50/p99) of both, the CRM's processed
 * deliveries per second, and the ratios. The server needs the shop {@code --shop} with secret {@code --secret}
 * ({@code CRM_STORE_SHOPIFY_SHOPS}, {@code CRM_STORE_SHOPIFY_SECRETS_<SHOP>}) and the feeder WAR in its dropins;
 * see docs/performance.md.
 */
public final class WebhookBenchmark {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String auth;
  private final String shop;
  private final byte[] secret;
  private final String customerTemplate;
  private final String orderTemplate;

  private WebhookBenchmark(String base, String user, String shop, String secret, Path fixtures) throws Exception {
    this.base = base;
    this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    this.shop = shop;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.customerTemplate = Files.readString(fixtures.resolve("customers-update.json"));
    this.orderTemplate = Files.readString(fixtures.resolve("orders-create.json"));
  }

  public static void main(String[] args) throws Exception {
    int deliveries = intArg(args, "--deliveries", 10_000);
    int clients = intArg(args, "--clients", 8);
    WebhookBenchmark bench = new WebhookBenchmark(stringArg(args, "--url", "http://localhost:9080"),
        stringArg(args, "--user", "integration"), stringArg(args, "--shop", "bench.myshopify.com"),
        stringArg(args, "--secret", "bench-secret"),
        Path.of(stringArg(args, "--fixtures", "crm-impl/src/test/resources/shopify")));
    String run = Long.toString(System.currentTimeMillis(), 36);

    System.out.println("Warm-up (1,000 to each endpoint)...");
    bench.post("warm" + run, 1_000, clients, "/crm-bench-feeder/raw");
    bench.post("warmc" + run, 1_000, clients, "/crm/hooks/shopify");
    bench.awaitProcessed(Duration.ofMinutes(5));
    bench.http.send(HttpRequest.newBuilder(URI.create(bench.base + "/crm-bench-feeder/raw")).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());

    Result bare = bench.post("bare" + run, deliveries, clients, "/crm-bench-feeder/raw");
    long processedBefore = bench.processedCount();
    long start = System.nanoTime();
    Result crm = bench.post("crm" + run, deliveries, clients, "/crm/hooks/shopify");
    long processed = bench.awaitProcessed(Duration.ofMinutes(15)) - processedBefore;
    double processSeconds = (System.nanoTime() - start) / 1e9;

    System.out.printf(Locale.ROOT, "%n%d deliveries, %d clients%n", deliveries, clients);
    System.out.printf(Locale.ROOT, "bare store-the-body endpoint: %8.0f acks/s  p50 %6.1f ms  p99 %6.1f ms%n",
        bare.rate(), bare.p50(), bare.p99());
    System.out.printf(Locale.ROOT, "CRM receiver (acknowledged): %8.0f acks/s  p50 %6.1f ms  p99 %6.1f ms%n",
        crm.rate(), crm.p50(), crm.p99());
    System.out.printf(Locale.ROOT, "CRM fully processed:         %8.0f deliveries/s (%d in %.1f s)%n",
        processed / processSeconds, processed, processSeconds);
    System.out.printf(Locale.ROOT, "ratios: acks %.2f, p99 %.2f, processed vs bare acks %.2f; refused %d/%d%n",
        crm.rate() / bare.rate(), crm.p99() / bare.p99(), processed / processSeconds / bare.rate(), crm.failed(),
        bare.failed());
  }

  record Result(double rate, double p50, double p99, int failed) {}

  /** Posts n deliveries with c clients; each is a new customer update or a new order (its own event id). */
  private Result post(String prefix, int n, int c, String path) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long[] latencies = new long[n];
    ExecutorService pool = Executors.newFixedThreadPool(c);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < c; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          boolean order = i % 2 == 1;
          String body = order ? order(prefix, i) : customer(prefix, i);
          HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .header("X-Shopify-Topic", order ? "orders/create" : "customers/update")
              .header("X-Shopify-Shop-Domain", shop)
              .header("X-Shopify-Event-Id", prefix + "-" + i)
              .header("X-Shopify-Webhook-Id", prefix + "-w-" + i)
              .header("X-Shopify-Triggered-At", Instant.now().toString())
              .header("X-Shopify-API-Version", "2025-10")
              .header("X-Shopify-Hmac-Sha256", sign(body))
              .POST(HttpRequest.BodyPublishers.ofString(body)).build();
          long t0 = System.nanoTime();
          HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
          latencies[i] = System.nanoTime() - t0;
          if (response.statusCode() != 200) {
            failed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Arrays.sort(latencies);
    return new Result(n / seconds, latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6, failed.get());
  }

  private String customer(String prefix, int i) {
    long id = 7_000_000_000L + (long) Math.abs((prefix + i).hashCode()) * 10 + i % 10;
    return customerTemplate.replace("706405506930370084", Long.toString(id))
        .replace("bob@biller.com", prefix + "." + i + "@bench.example")
        .replace("\"+16136120707\"", "null")
        .replace("2022-01-05T10:12:30-05:00", Instant.now().toString());
  }

  private String order(String prefix, int i) {
    long id = 8_000_000_000L + (long) Math.abs((prefix + i).hashCode()) * 10 + i % 10;
    return orderTemplate.replace("820982911946154508", Long.toString(id))
        .replace("jon@example.com", prefix + ".o" + i + "@bench.example")
        .replace("john@example.com", prefix + ".o" + i + "@bench.example")
        .replace("115310627314723954", Long.toString(id + 1));
  }

  private String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
  private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

  /** Deliveries of the shop that are done (processed, skipped or failed). */
  private long processedCount() throws Exception {
    long done = 0;
    for (long[] c : counts()) {
      done += c[1];
    }
    return done;
  }

  /** Waits until no delivery of the shop is waiting; returns the done count. */
  private long awaitProcessed(Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      long waiting = 0;
      long done = 0;
      for (long[] c : counts()) {
        waiting += c[0];
        done += c[1];
      }
      if (waiting == 0) {
        return done;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("deliveries still waiting after " + patience);
  }

  /** Per status line of the shop: {waiting, done}. */
  private List<long[]> counts() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create(base + "/crm/api/store/deliveries/counts")).header("Authorization", auth).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("counts: HTTP " + response.statusCode() + " " + response.body());
    }
    List<long[]> result = new ArrayList<>();
    for (String item : response.body().split("\\},\\s*\\{")) {
      if (!item.contains("\"" + shop + "\"")) {
        continue;
      }
      Matcher status = STATUS.matcher(item);
      Matcher m = COUNT.matcher(item);
      if (status.find() && m.find()) {
        long count = Long.parseLong(m.group(1));
        boolean waiting = status.group(1).equals("RECEIVED");
        result.add(waiting ? new long[] {count, 0} : new long[] {0, count});
      }
    }
    return result;
  }

  private static int intArg(String[] args, String name, int fallback) {
    String v = stringArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v);
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

package org.clientele.crm.datagen;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts emitted Shopify deliveries (signed with HMAC-SHA256 of the raw body, as Shopify does) to
 * {@code <base>/crm/hooks/shopify} and Mailchimp webhook bodies to {@code <base>/crm/hooks/mailchimp/<secret>}, at a
 * fixed rate (requests per second, paced, not bursty), over HTTP/1.1. Counts the answers by status.
 */
public final class Sender {

  public record Totals(long sent, long accepted, long failed) {}

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final double rate;
  private final String shopifySecret;
  private final String mailchimpSecret;
  private final Consumer<String> log;
  private long started;
  private long sent;
  private long accepted;
  private long failed;

  public Sender(String base, double rate, String shopifySecret, String mailchimpSecret, Consumer<String> log) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.rate = rate;
    this.shopifySecret = shopifySecret;
    this.mailchimpSecret = mailchimpSecret;
    this.log = log;
  }

  /** Sends every delivery under the emit directory: Shopify first (customers before their orders), then Mailchimp. */
  public Totals send(Path directory) throws Exception {
    started = System.nanoTime();
    if (shopifySecret != null) {
      for (Path file : files(directory.resolve("shopify"))) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String line;
          while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", 5);
            byte[] body = f[4].getBytes(StandardCharsets.UTF_8);
            post(HttpRequest.newBuilder(URI.create(base + "/crm/hooks/shopify"))
                .header("Content-Type", "application/json").header("X-Shopify-Topic", f[0])
                .header("X-Shopify-Shop-Domain", f[1]).header("X-Shopify-Event-Id", f[2])
                .header("X-Shopify-Webhook-Id", f[2]).header("X-Shopify-Triggered-At", f[3])
                .header("X-Shopify-Api-Version", "2025-10").header("X-Shopify-Hmac-Sha256", hmac(body, shopifySecret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
          }
        }
      }
    }
    if (mailchimpSecret != null) {
      for (Path file : files(directory.resolve("mailchimp"))) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          post(HttpRequest.newBuilder(URI.create(base + "/crm/hooks/mailchimp/" + mailchimpSecret))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(line, StandardCharsets.UTF_8)).build());
        }
      }
    }
    return new Totals(sent, accepted, failed);
  }

  private void post(HttpRequest request) throws Exception {
    if (rate > 0) {
      long due = started + (long) (sent * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing to the requested rate
      }
    }
    sent++;
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 == 2) {
      accepted++;
    } else {
      failed++;
      if (failed <= 10) {
        log.accept("HTTP " + response.statusCode() + " for " + request.uri().getPath().replaceAll(
            "/mailchimp/.*", "/mailchimp/…") + ": " + response.body());
      }
    }
    if (sent % 10_000 == 0) {
      log.accept(String.format(Locale.ROOT, "%,d sent, %,d accepted, %,d failed", sent, accepted, failed));
    }
  }

  static String hmac(byte[] body, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  private static List<Path> files(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}

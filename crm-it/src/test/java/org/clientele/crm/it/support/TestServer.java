package org.clientele.crm.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Real HTTP calls to the managed test server on loopback, as the development identities. */
public final class TestServer {

  public static final String ADMIN = "admin";
  public static final String AGENT = "agent";
  public static final String INTEGRATION = "integration";

  // HTTP/1.1, as integrations call: concurrent first requests over cleartext each try an h2c upgrade, and the
  // server's upgrade handling then leaves some of them unanswered (InteractionIT timed out that way on CI).
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer() {}

  public static URI uri(String path) {
    return URI.create("http://localhost:" + System.getProperty("it.http.port", "9180") + path);
  }

  /** Which database this run uses: {@code h2} or {@code postgres}. */
  public static String database() {
    return System.getProperty("it.db", "h2");
  }

  public static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
  }

  /** A request authenticated as a development user (password = user name). */
  public static HttpRequest.Builder requestAs(String user, String path) {
    return request(path).header("Authorization", basic(user, user));
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<String> get(String user, String path) {
    return send(requestAs(user, path).GET());
  }

  public static HttpResponse<String> postJson(String user, String path, String json) {
    return send(requestAs(user, path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** PUT, or another method with a JSON body; {@code ifMatch} null sends no If-Match. */
  public static HttpResponse<String> sendJson(String user, String method, String path, String json, String ifMatch) {
    HttpRequest.Builder request = requestAs(user, path).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request);
  }

  /**
   * The value of an application counter in the Prometheus output of {@code /metrics}, 0 when absent.
   *
   * @param name the Prometheus name, e.g. {@code crm_customer_events_total}
   * @param labels the labels that identify the series, in any order, e.g. {@code event="registered"}
   */
  public static double counter(String name, String... labels) {
    String body = send(request("/metrics?scope=application").GET()).body();
    return body.lines()
        .filter(line -> line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  public static JsonObject json(HttpResponse<String> response) {
    return (JsonObject) parse(response.body());
  }

  public static JsonArray jsonArray(HttpResponse<String> response) {
    return (JsonArray) parse(response.body());
  }

  private static JsonStructure parse(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.read();
    }
  }
}

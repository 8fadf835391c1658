package org.clientele.crm.camel.email.mailchimp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Semaphore;

/**
 * Calls Mailchimp's API. java.net.http rather than Camel's http component: each call's outcome (status, the
 * problem+json body) decides between done, retry and dead letter inside one adapter method, several calls make one
 * delivery (GET before subscribing, PUT to the old address's hash then the new one), and it needs no extra jars in
 * the EAR. A semaphore caps the requests in flight across every caller of this client at
 * {@code crm.email.mailchimp.max-connections} (Mailchimp allows 10 simultaneous connections per user); the JDK
 * client opens a connection only for a request in flight, so the connections stay within the cap too.
 */
public class MailchimpClient {

  /** A response: status and body. */
  public record Response(int status, String body, String contentType) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final MailchimpSettings settings;
  private final HttpClient http;
  private final Semaphore inFlight;
  private final String authorization;

  public MailchimpClient(MailchimpSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1)
        .build();
    this.inFlight = new Semaphore(settings.maxConnections(), true);
    // Basic with any user name and the key as password
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString(("clientele:" + settings.apiKey()).getBytes(StandardCharsets.UTF_8));
  }

  public Response get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  public Response put(String path, String json) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  public Response post(String path, String json) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  private HttpRequest.Builder request(String path) {
    String base = settings.baseUrl().toString();
    return HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path))
        .timeout(settings.timeout())
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    inFlight.acquire();
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } finally {
      inFlight.release();
    }
  }
}

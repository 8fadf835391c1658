package org.clientele.crm.impl.store.shopify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts GraphQL documents to one shop's Admin API: {@code <base>/admin/api/<version>/graphql.json} with the
 * shop's access token in {@code X-Shopify-Access-Token} (never logged).
 */
public final class ShopifyAdminClient {

  /** An HTTP answer: status, body and the Retry-After header (or null). */
  public record Answer(int status, String body, String retryAfter) {}

  private final HttpClient http;
  private final URI endpoint;
  private final String token;
  private final Duration timeout;

  public ShopifyAdminClient(HttpClient http, String baseUrl, String apiVersion, String token, Duration timeout) {
    this.http = http;
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.endpoint = URI.create(base + "/admin/api/" + apiVersion + "/graphql.json");
    this.token = token;
    this.timeout = timeout;
  }

  public URI endpoint() {
    return endpoint;
  }

  public Answer post(String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("X-Shopify-Access-Token", token)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.body(),
        response.headers().firstValue("Retry-After").orElse(null));
  }
}

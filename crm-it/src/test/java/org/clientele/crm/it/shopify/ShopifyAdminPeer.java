package org.clientele.crm.it.shopify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Shopify GraphQL Admin API on loopback for the backfill: serves {@code customers}, {@code orders},
 * {@code customersCount} and {@code ordersCount} to {@code POST /admin/api/<version>/graphql.json} with the
 * access token checked, cursor pagination by the query's {@code first}/{@code after} variables, node shapes and
 * {@code extensions.cost} as Shopify's documented responses have them. Faults are injected per request key
 * {@code customers:<start>} / {@code orders:<start>} (the index of the page's first node): a THROTTLED answer, an
 * HTTP 429 with Retry-After, a low reported availability, 500s, a delay. Counts the requests per key.
 */
public final class ShopifyAdminPeer implements AutoCloseable {

  private final HttpServer server;
  private final String token;
  private volatile List<JsonObject> customers = List.of();
  private volatile List<JsonObject> orders = List.of();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Set<String> throttleOnce = ConcurrentHashMap.newKeySet();
  private final Set<String> tooManyOnce = ConcurrentHashMap.newKeySet();
  private final Set<String> lowAvailability = ConcurrentHashMap.newKeySet();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.CountDownLatch> holds = new ConcurrentHashMap<>();
  private final List<String> refusedTokens = new CopyOnWriteArrayList<>();
  private final int port;
  private final AtomicInteger operations = new AtomicInteger();
  private final Map<String, String> operationKinds = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
  private volatile long lineDelay;
  private volatile int holdDownloadAfter;
  private volatile java.util.concurrent.CountDownLatch downloadHeld = new java.util.concurrent.CountDownLatch(0);

  public ShopifyAdminPeer(int port, String token) throws IOException {
    this.token = token;
    this.port = port;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.createContext("/admin/api/", this::handle);
    server.createContext("/bulk/", this::download);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  /** Replaces the data served and clears counters and faults. */
  public void serve(List<JsonObject> customerNodes, List<JsonObject> orderNodes) {
    customers = List.copyOf(customerNodes);
    orders = List.copyOf(orderNodes);
    requests.clear();
    throttleOnce.clear();
    tooManyOnce.clear();
    lowAvailability.clear();
    failing.clear();
    delays.clear();
    holds.values().forEach(java.util.concurrent.CountDownLatch::countDown);
    holds.clear();
    refusedTokens.clear();
    operationKinds.clear();
    polls.clear();
    lineDelay = 0;
    releaseDownload();
    holdDownloadAfter = 0;
  }

  /** The next bulk result downloads stop after this many lines until {@link #releaseDownload}. */
  public void holdDownloadAfter(int lines) {
    downloadHeld = new java.util.concurrent.CountDownLatch(1);
    holdDownloadAfter = lines;
  }

  public void releaseDownload() {
    downloadHeld.countDown();
  }

  /** Bulk results are streamed a line at a time with this pause between lines. */
  public void lineDelay(long millis) {
    lineDelay = millis;
  }

  public void throttleOnce(String key) {
    throttleOnce.add(key);
  }

  public void tooManyRequestsOnce(String key) {
    tooManyOnce.add(key);
  }

  public void lowAvailabilityAfter(String key) {
    lowAvailability.add(key);
  }

  public void fail(String key) {
    failing.add(key);
  }

  public void heal(String key) {
    failing.remove(key);
  }

  public void delay(String key, long millis) {
    delays.put(key, millis);
  }

  /** Requests for the key wait (at most a minute) until {@link #release}: a backfill is then certainly running. */
  public void hold(String key) {
    holds.put(key, new java.util.concurrent.CountDownLatch(1));
  }

  public void release(String key) {
    java.util.concurrent.CountDownLatch held = holds.remove(key);
    if (held != null) {
      held.countDown();
    }
  }

  public int requests(String key) {
    AtomicInteger n = requests.get(key);
    return n == null ? 0 : n.get();
  }

  public List<String> refusedTokens() {
    return refusedTokens;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/graphql.json")) {
        send(exchange, 404, "{\"errors\":\"Not Found\"}", null);
        return;
      }
      String presented = exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token");
      if (!token.equals(presented)) {
        refusedTokens.add(String.valueOf(presented));
        send(exchange, 401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong"
            + " password)\"}", null);
        return;
      }
      JsonObject request;
      try (InputStream in = exchange.getRequestBody();
          JsonReader reader = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
        request = reader.readObject();
      }
      String query = request.getString("query");
      JsonObject variables = request.containsKey("variables") && !request.isNull("variables")
          ? request.getJsonObject("variables") : Json.createObjectBuilder().build();
      if (query.contains("customersCount") || query.contains("ordersCount")) {
        boolean c = query.contains("customersCount");
        JsonObject data = Json.createObjectBuilder().add(c ? "customersCount" : "ordersCount",
            Json.createObjectBuilder().add("count", (c ? customers : orders).size()).add("precision", "EXACT")).build();
        send(exchange, 200, answer(data, 1, 1, 1000).toString(), null);
        return;
      }
      if (query.contains("bulkOperationRunQuery")) {
        String inner = variables.getString("query");
        String kind = inner.trim().startsWith("{ customers") ? "customers" : "orders";
        requests.computeIfAbsent("bulk:" + kind, k -> new AtomicInteger()).incrementAndGet();
        String id = "gid://shopify/BulkOperation/" + (720_000 + operations.incrementAndGet());
        operationKinds.put(id, kind);
        JsonObject data = Json.createObjectBuilder().add("bulkOperationRunQuery", Json.createObjectBuilder()
            .add("bulkOperation", Json.createObjectBuilder().add("id", id).add("status", "CREATED"))
            .add("userErrors", Json.createArrayBuilder())).build();
        send(exchange, 200, answer(data, 10, 10, 990).toString(), null);
        return;
      }
      if (query.contains("node(id:")) {
        String id = variables.getString("id");
        String kind = operationKinds.get(id);
        JsonObjectBuilder node = Json.createObjectBuilder().add("id", id);
        if (kind == null) {
          send(exchange, 200, answer(Json.createObjectBuilder().addNull("node").build(), 1, 1, 999).toString(), null);
          return;
        }
        // the first poll finds it running, the next ones completed
        int n = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        List<JsonObject> all = "customers".equals(kind) ? customers : orders;
        if (n == 1) {
          node.add("status", "RUNNING").addNull("errorCode").add("objectCount", "0").addNull("url");
        } else {
          node.add("status", "COMPLETED").addNull("errorCode").add("objectCount", String.valueOf(all.size()));
          if (all.isEmpty()) {
            node.addNull("url");
          } else {
            node.add("url", "http://127.0.0.1:" + port + "/bulk/" + id.substring(id.lastIndexOf('/') + 1)
                + ".jsonl?X-Goog-Signature=peer");
          }
        }
        send(exchange, 200, answer(Json.createObjectBuilder().add("node", node).build(), 1, 1, 999).toString(), null);
        return;
      }
      boolean c = query.contains("customers(");
      if (!c && !query.contains("orders(")) {
        send(exchange, 200, "{\"errors\":[{\"message\":\"Field is not supported by the peer\",\"extensions\":"
            + "{\"code\":\"undefinedField\"}}]}", null);
        return;
      }
      int first = variables.getInt("first");
      String after = variables.containsKey("after") && !variables.isNull("after") ? variables.getString("after") : null;
      int start = after == null ? 0 : decode(after);
      String key = (c ? "customers:" : "orders:") + start;
      requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      java.util.concurrent.CountDownLatch held = holds.get(key);
      if (held != null) {
        held.await(1, java.util.concurrent.TimeUnit.MINUTES);
      }
      Long delay = delays.get(key);
      if (delay != null) {
        Thread.sleep(delay);
      }
      int requested = 2 + first * (c ? 3 : 40);
      if (failing.contains(key)) {
        send(exchange, 500, "{\"errors\":\"Internal Server Error\"}", null);
        return;
      }
      if (tooManyOnce.remove(key)) {
        send(exchange, 429, "{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to"
            + " resume uninterrupted service.\"}", "1");
        return;
      }
      if (throttleOnce.remove(key)) {
        JsonObject throttled = Json.createObjectBuilder()
            .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("message", "Throttled")
                .add("extensions", Json.createObjectBuilder().add("code", "THROTTLED")
                    .add("documentation", "https://shopify.dev/api/usage/rate-limits"))))
            .add("extensions", cost(requested, null, 10)).build();
        send(exchange, 200, throttled.toString(), null);
        return;
      }
      List<JsonObject> all = c ? customers : orders;
      int end = Math.min(all.size(), start + first);
      JsonArrayBuilder nodes = Json.createArrayBuilder();
      for (int i = start; i < end; i++) {
        nodes.add(all.get(i));
      }
      JsonObject page = Json.createObjectBuilder()
          .add("pageInfo", Json.createObjectBuilder().add("hasNextPage", end < all.size())
              .add("endCursor", end > start ? encode(end) : encode(start)))
          .add("nodes", nodes).build();
      JsonObject data = Json.createObjectBuilder().add(c ? "customers" : "orders", page).build();
      double available = lowAvailability.contains(key) ? 5 : 1000 - requested / 10.0;
      send(exchange, 200, answer(data, requested, (end - start) * 2 + 2, available).toString(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      send(exchange, 400, "{\"errors\":[{\"message\":\"" + e.getClass().getSimpleName() + "\"}]}", null);
    }
  }

  /** A bulk result: one line per node; an order's line items as child lines with __parentId after it. */
  private void download(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String id = "gid://shopify/BulkOperation/" + path.substring(path.lastIndexOf('/') + 1).replace(".jsonl", "");
      String kind = operationKinds.get(id);
      if (kind == null || exchange.getRequestHeaders().containsKey("X-Shopify-Access-Token")) {
        // unknown, or a client that sends its token to the storage host
        send(exchange, kind == null ? 404 : 400, "<Error>refused</Error>", null);
        return;
      }
      requests.computeIfAbsent("download:" + kind, k -> new AtomicInteger()).incrementAndGet();
      List<String> lines = new java.util.ArrayList<>();
      for (JsonObject node : "customers".equals(kind) ? customers : orders) {
        if ("customers".equals(kind)) {
          lines.add(node.toString());
          continue;
        }
        JsonObjectBuilder parent = Json.createObjectBuilder(node).remove("lineItems");
        lines.add(parent.build().toString());
        for (JsonObject item : node.getJsonObject("lineItems").getJsonArray("nodes").getValuesAs(JsonObject.class)) {
          lines.add(Json.createObjectBuilder(item).add("__parentId", node.getString("id")).build().toString());
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "application/jsonl");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        int written = 0;
        for (String line : lines) {
          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          if (++written == holdDownloadAfter) {
            downloadHeld.await(1, java.util.concurrent.TimeUnit.MINUTES);
          }
          if (lineDelay > 0) {
            Thread.sleep(lineDelay);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client went away (cancelled)
      }
    }
  }

  private static JsonObject answer(JsonObject data, int requested, int actual, double available) {
    return Json.createObjectBuilder().add("data", data).add("extensions", cost(requested, actual, available)).build();
  }

  private static JsonObjectBuilder cost(int requested, Integer actual, double available) {
    JsonObjectBuilder cost = Json.createObjectBuilder().add("requestedQueryCost", requested);
    if (actual == null) {
      cost.addNull("actualQueryCost");
    } else {
      cost.add("actualQueryCost", actual);
    }
    return Json.createObjectBuilder().add("cost", cost.add("throttleStatus", Json.createObjectBuilder()
        .add("maximumAvailable", 1000.0).add("currentlyAvailable", available).add("restoreRate", 100.0)));
  }

  private static String encode(int index) {
    return Base64.getEncoder().encodeToString(("{\"last_index\":" + index + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String cursor) {
    String json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject().getInt("last_index");
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  // ---- nodes shaped like the Admin API's Customer and Order ----

  /** A Customer node: id gid://shopify/Customer/<id>, never subscribed to email marketing. */
  public static JsonObject customerNode(long id, String first, String last, String email, String updatedAt) {
    return Json.createObjectBuilder()
        .add("id", "gid://shopify/Customer/" + id).add("firstName", first).add("lastName", last).add("email", email)
        .addNull("phone").add("createdAt", "2024-01-01T10:00:00Z").add("updatedAt", updatedAt)
        .add("tags", Json.createArrayBuilder().add("backfilled"))
        .add("defaultAddress", Json.createObjectBuilder().add("firstName", first).add("lastName", last)
            .add("address1", "151 O'Connor Street").addNull("address2").add("zip", "K2P 2L8").add("city", "Ottawa")
            .add("province", "Ontario").add("provinceCode", "ON").add("countryCodeV2", "CA").addNull("phone"))
        // never subscribed: no consent date, so no consent decision (and no Mailchimp traffic from the suite's
        // server, which syncs customers with an email-marketing decision)
        .add("emailMarketingConsent", Json.createObjectBuilder().add("marketingState", "NOT_SUBSCRIBED")
            .addNull("marketingOptInLevel").addNull("consentUpdatedAt"))
        .addNull("smsMarketingConsent").build();
  }

  /** An Order node of the customer node, one line, paid; with one refund of the amount given (or none). */
  public static JsonObject orderNode(long id, JsonObject customer, String updatedAt, String refundAmount,
      long refundId) {
    JsonArrayBuilder refunds = Json.createArrayBuilder();
    if (refundAmount != null) {
      refunds.add(Json.createObjectBuilder().add("id", "gid://shopify/Refund/" + refundId)
          .add("createdAt", "2024-03-04T10:00:00Z").add("note", "damaged").add("totalRefundedSet", money(refundAmount)));
    }
    return Json.createObjectBuilder()
        .add("id", "gid://shopify/Order/" + id).add("name", "#" + id).add("email", customer.getString("email"))
        .addNull("phone").add("createdAt", "2024-03-01T10:00:00Z").add("processedAt", "2024-03-01T10:00:00Z")
        .add("updatedAt", updatedAt).addNull("cancelledAt").add("currencyCode", "USD").add("taxesIncluded", false)
        .add("displayFinancialStatus", refundAmount == null ? "PAID" : "PARTIALLY_REFUNDED")
        .add("displayFulfillmentStatus", "UNFULFILLED")
        .add("totalDiscountsSet", money("0.00")).add("totalTaxSet", money("2.00"))
        .add("totalShippingPriceSet", money("5.00"))
        .add("customer", customer).add("billingAddress", customer.getJsonObject("defaultAddress"))
        .add("lineItems", Json.createObjectBuilder().add("nodes", Json.createArrayBuilder().add(
            Json.createObjectBuilder().add("id", "gid://shopify/LineItem/" + id).add("sku", "SKU-" + id)
                .add("title", "IPod Nano - 8gb").add("variantTitle", "green").add("quantity", 2)
                .add("originalUnitPriceSet", money("19.99")).add("discountAllocations", Json.createArrayBuilder())
                .add("variant", Json.createObjectBuilder().add("id", "gid://shopify/ProductVariant/808950810"))
                .add("product", Json.createObjectBuilder().add("id", "gid://shopify/Product/632910392")))))
        .add("refunds", refunds).build();
  }

  private static JsonObjectBuilder money(String amount) {
    return Json.createObjectBuilder().add("shopMoney", Json.createObjectBuilder().add("amount", amount)
        .add("currencyCode", "USD")).add("presentmentMoney", Json.createObjectBuilder().add("amount", amount)
        .add("currencyCode", "USD"));
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}

package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.counter;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.clientele.crm.it.shopify.ShopifyAdminPeer;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Shopify backfill against a GraphQL Admin API peer on loopback ({@link ShopifyAdminPeer}, port
 * {@code it.shopify.port}; the server's admin base URL, shop-d's access token and pages of 4 are set in
 * crm-it/pom.xml): paging with throttling in the middle, a failure and a resume from the checkpoint, a cancel,
 * staleness against webhooks, bad input.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShopifyBackfillIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String SHOP = "it-shop-d.myshopify.com";
  private static final String SECRET = "it-secret-d";
  private static final String TOKEN = "shpat_it_token_d";
  private static final String PATH = "/crm/api/store/shopify/backfills";
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000 + 500);

  private static ShopifyAdminPeer peer;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @BeforeAll
  static void startPeer() throws IOException {
    peer = new ShopifyAdminPeer(Integer.getInteger("it.shopify.port", 9182), TOKEN);
  }

  /** A test that failed half-way leaves no running backfill behind to make the next one's start a conflict. */
  @AfterEach
  void cancelRunningBackfills() {
    jsonArray(get(INTEGRATION, PATH + "?shop=" + SHOP)).stream().map(v -> v.asJsonObject())
        .filter(b -> "RUNNING".equals(b.getString("status")))
        .forEach(b -> postJson(INTEGRATION, PATH + "/" + b.getJsonNumber("id").longValue() + "/cancel", ""));
  }

  @AfterAll
  static void stopPeer() {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void pagesThroughCustomersAndOrdersWithThrottlingInTheMiddle() {
    List<JsonObject> customers = customers(10, "2024-04-01T10:00:00Z");
    List<JsonObject> orders = new ArrayList<>();
    long firstOrder = IDS.addAndGet(100);
    for (int i = 0; i < 9; i++) {
      orders.add(ShopifyAdminPeer.orderNode(firstOrder + i, customers.get(i), "2024-03-02T10:00:00Z",
          i == 0 ? "10.00" : null, firstOrder + 50));
    }
    peer.serve(customers, orders);
    peer.lowAvailabilityAfter("customers:0");
    peer.throttleOnce("customers:4");
    peer.tooManyRequestsOnce("orders:4");
    double customersBefore = counter("crm_store_backfill_processed_total", "kind=\"customer\"", "shop=\"" + SHOP + "\"");

    HttpResponse<String> started = postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonObject backfill = json(started);
    assertThat(started.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith(PATH + "/"
        + backfill.getJsonNumber("id").longValue()));
    assertThat(backfill.getString("what")).isEqualTo("BOTH");
    assertThat(backfill.getString("mode")).isEqualTo("PAGED");
    long id = backfill.getJsonNumber("id").longValue();

    JsonObject done = awaitStatus(id, "COMPLETED");
    assertThat(done.getJsonNumber("customersProcessed").longValue()).isEqualTo(10);
    assertThat(done.getJsonNumber("ordersProcessed").longValue()).isEqualTo(9);
    assertThat(done.getJsonNumber("customersTotal").longValue()).isEqualTo(10);
    assertThat(done.getJsonNumber("ordersTotal").longValue()).isEqualTo(9);
    assertThat(done.getJsonNumber("estimatedTotal").longValue()).isEqualTo(19);
    assertThat(done.getJsonNumber("processed").longValue()).isEqualTo(19);
    assertThat(done.getJsonNumber("pages").longValue()).isEqualTo(6);
    assertThat(done.getString("phase")).isEqualTo("DONE");
    assertThat(done.getJsonNumber("ratePerSecond").doubleValue()).isPositive();
    // each page once, the throttled ones once more
    assertThat(peer.requests("customers:0")).isEqualTo(1);
    assertThat(peer.requests("customers:4")).isEqualTo(2);
    assertThat(peer.requests("customers:8")).isEqualTo(1);
    assertThat(peer.requests("orders:0")).isEqualTo(1);
    assertThat(peer.requests("orders:4")).isEqualTo(2);
    assertThat(peer.requests("orders:8")).isEqualTo(1);
    assertThat(peer.refusedTokens()).isEmpty();

    for (JsonObject c : customers) {
      JsonObject profile = identity(c);
      assertThat(profile.getString("givenName")).isEqualTo(c.getString("firstName"));
    }
    JsonObject purchase = purchase(firstOrder);
    assertThat(purchase.getString("currency")).isEqualTo("USD");
    assertThat(purchase.getJsonNumber("refundedTotal").bigDecimalValue()).isEqualByComparingTo("10");
    assertThat(purchase.getJsonArray("refunds")).hasSize(1);
    assertThat(purchase(firstOrder + 8).getJsonArray("lines")).hasSize(1);
    assertThat(counter("crm_store_backfill_processed_total", "kind=\"customer\"", "shop=\"" + SHOP + "\""))
        .isEqualTo(customersBefore + 10);
    String metrics = send(request("/metrics?scope=application").GET()).body();
    assertThat(metrics.lines().filter(l -> l.startsWith("crm_store_backfill_remaining{") && l.contains(SHOP)))
        .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).isZero());
    assertThat(metrics.lines().filter(l -> l.startsWith("crm_store_backfill_eta_seconds{") && l.contains(SHOP)))
        .hasSize(1);

    // a second backfill applies nothing twice: one profile per customer, one refund
    long again = json(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\",\"what\":\"both\"}"))
        .getJsonNumber("id").longValue();
    awaitStatus(again, "COMPLETED");
    String email = customers.get(0).getString("email");
    assertThat(json(get(INTEGRATION, "/crm/api/customers?email=" + enc(email))).getJsonArray("items")).hasSize(1);
    assertThat(purchase(firstOrder).getJsonArray("refunds")).hasSize(1);
    assertThat(jsonArray(get(INTEGRATION, PATH + "?shop=" + SHOP)).stream()
        .map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList()).contains(id, again);
  }

  @Test
  void failureAfterTwoPagesResumesFromTheCheckpoint() {
    List<JsonObject> customers = customers(10, "2024-04-01T10:00:00Z");
    List<JsonObject> orders = new ArrayList<>();
    long firstOrder = IDS.addAndGet(100);
    for (int i = 0; i < 5; i++) {
      orders.add(ShopifyAdminPeer.orderNode(firstOrder + i, customers.get(i), "2024-03-02T10:00:00Z", null, 0));
    }
    peer.serve(customers, orders);
    peer.fail("customers:8");
    peer.delay("customers:8", 500);
    peer.hold("customers:0");

    long id = json(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\"}")).getJsonNumber("id").longValue();
    // one running backfill per shop: asked while the first one is certainly running (inside its first page)
    await().atMost(PATIENCE).until(() -> peer.requests("customers:0") == 1);
    assertProblem(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\"}"), 409, "conflict");
    peer.release("customers:0");

    JsonObject failed = awaitStatus(id, "FAILED");
    assertThat(failed.getString("lastError")).contains("HTTP 500");
    assertThat(failed.getString("phase")).isEqualTo("CUSTOMERS");
    assertThat(failed.getJsonNumber("customersProcessed").longValue()).isEqualTo(8);
    assertThat(failed.getJsonNumber("pages").longValue()).isEqualTo(2);
    assertThat(peer.requests("customers:8")).isEqualTo(3);
    assertThat(identity(customers.get(7)).getString("givenName")).isEqualTo(customers.get(7).getString("firstName"));
    assertThat(get(INTEGRATION, lookup(customers.get(8))).statusCode()).isEqualTo(404);

    peer.heal("customers:8");
    peer.delay("customers:8", 0);
    HttpResponse<String> resumed = postJson(INTEGRATION, PATH + "/" + id + "/resume", "");
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    assertThat(json(resumed).getString("status")).isEqualTo("RUNNING");
    JsonObject done = awaitStatus(id, "COMPLETED");
    assertThat(done.getJsonNumber("customersProcessed").longValue()).isEqualTo(10);
    assertThat(done.getJsonNumber("ordersProcessed").longValue()).isEqualTo(5);
    // the pages before the checkpoint were not asked again
    assertThat(peer.requests("customers:0")).isEqualTo(1);
    assertThat(peer.requests("customers:4")).isEqualTo(1);
    assertThat(peer.requests("customers:8")).isEqualTo(4);
    assertThat(identity(customers.get(9)).getString("familyName")).isEqualTo(customers.get(9).getString("lastName"));
    assertThat(purchase(firstOrder + 4).getString("orderId")).isEqualTo(Long.toString(firstOrder + 4));
    // a completed backfill neither resumes nor cancels
    assertProblem(postJson(INTEGRATION, PATH + "/" + id + "/resume", ""), 409, "conflict");
    assertProblem(postJson(INTEGRATION, PATH + "/" + id + "/cancel", ""), 409, "conflict");
  }

  @Test
  void cancelStopsAfterThePageAndResumeFinishes() {
    List<JsonObject> customers = customers(8, "2024-04-01T10:00:00Z");
    peer.serve(customers, List.of());
    peer.hold("customers:4");
    long id = json(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\",\"what\":\"customers\"}"))
        .getJsonNumber("id").longValue();
    await().atMost(PATIENCE).until(() -> peer.requests("customers:4") == 1);
    HttpResponse<String> cancelled = postJson(INTEGRATION, PATH + "/" + id + "/cancel", "");
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(json(cancelled).getString("status")).isEqualTo("CANCELLED");
    // the page in flight is not applied once cancelled: it is answered now, the worker then finds the run cancelled
    peer.release("customers:4");
    await().pollDelay(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> true);
    JsonObject stopped = backfill(id);
    assertThat(stopped.getString("status")).isEqualTo("CANCELLED");
    assertThat(stopped.getJsonNumber("customersProcessed").longValue()).isEqualTo(4);

    HttpResponse<String> resumed = postJson(INTEGRATION, PATH + "/" + id + "/resume", "");
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    JsonObject done = awaitStatus(id, "COMPLETED");
    assertThat(done.getJsonNumber("customersProcessed").longValue()).isEqualTo(8);
    assertThat(done.getJsonNumber("ordersProcessed").longValue()).isZero();
    assertThat(peer.requests("customers:0")).isEqualTo(1);
    assertThat(peer.requests("orders:0")).isZero();
  }

  @Test
  void bulkModeAppliesTheResultFileAndResumesInsideIt() {
    List<JsonObject> customers = customers(10, "2024-04-01T10:00:00Z");
    List<JsonObject> orders = new ArrayList<>();
    long firstOrder = IDS.addAndGet(100);
    for (int i = 0; i < 5; i++) {
      orders.add(ShopifyAdminPeer.orderNode(firstOrder + i, customers.get(i), "2024-03-02T10:00:00Z",
          i == 1 ? "5.00" : null, firstOrder + 60));
    }
    peer.serve(customers, orders);
    peer.holdDownloadAfter(5);
    long id = json(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\",\"mode\":\"bulk\"}"))
        .getJsonNumber("id").longValue();
    // cancelled while the customers' file is being read (held after 5 lines): batches of 3 lines are applied with
    // the line reached
    await().atMost(PATIENCE).until(() -> backfill(id).getJsonNumber("customersProcessed").longValue() >= 3);
    HttpResponse<String> cancel = postJson(INTEGRATION, PATH + "/" + id + "/cancel", "");
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
    peer.releaseDownload();
    await().pollDelay(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> true);
    JsonObject cancelled = backfill(id);
    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    long applied = cancelled.getJsonNumber("customersProcessed").longValue();
    assertThat(applied).isBetween(3L, 9L);

    HttpResponse<String> resume = postJson(INTEGRATION, PATH + "/" + id + "/resume", "");
    assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
    JsonObject done = awaitStatus(id, "COMPLETED");
    assertThat(done.getString("mode")).isEqualTo("BULK");
    // the resumed run read on after the line reached: nothing applied twice, nothing left out
    assertThat(done.getJsonNumber("customersProcessed").longValue()).isEqualTo(10);
    assertThat(done.getJsonNumber("ordersProcessed").longValue()).isEqualTo(5);
    // one bulk operation per phase (the resumed run polled the stored one), the customers' file read twice
    assertThat(peer.requests("bulk:customers")).isEqualTo(1);
    assertThat(peer.requests("bulk:orders")).isEqualTo(1);
    assertThat(peer.requests("download:customers")).isEqualTo(2);
    assertThat(peer.requests("download:orders")).isEqualTo(1);
    for (JsonObject c : customers) {
      assertThat(identity(c).getString("familyName")).isEqualTo(c.getString("lastName"));
    }
    // line items came as child lines (__parentId)
    JsonObject purchase = purchase(firstOrder + 1);
    assertThat(purchase.getJsonArray("lines")).hasSize(1);
    assertThat(purchase.getJsonArray("lines").getJsonObject(0).getString("sku")).isEqualTo("SKU-" + (firstOrder + 1));
    assertThat(purchase.getJsonArray("refunds")).hasSize(1);
    assertThat(purchase(firstOrder + 4).getJsonArray("lines")).hasSize(1);
  }

  @Test
  void webhookAppliedNewerDataIsNotOverwrittenAndOlderWebhooksAreSkipped() {
    List<JsonObject> customers = customers(2, "2024-04-01T10:00:00Z");
    long newer = id(customers.get(0));
    // a webhook applied first, newer than what the backfill reads
    String body = ShopifyWebhooksIT.customer(newer, "Webhook", "Newer", customers.get(0).getString("email"),
        "2024-06-01T10:00:00Z", null);
    assertThat(ShopifyWebhooksIT.deliver(SHOP, SECRET, "customers/update", "evt-" + run + "-1", body).statusCode())
        .isEqualTo(200);
    await().atMost(PATIENCE).until(() -> get(INTEGRATION, lookup(customers.get(0))).statusCode() == 200);

    peer.serve(customers, List.of());
    long id = json(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\",\"what\":\"customers\"}"))
        .getJsonNumber("id").longValue();
    assertThat(awaitStatus(id, "COMPLETED").getJsonNumber("customersProcessed").longValue()).isEqualTo(2);
    assertThat(identity(customers.get(0)).getString("givenName")).isEqualTo("Webhook");
    assertThat(identity(customers.get(1)).getString("givenName")).isEqualTo(customers.get(1).getString("firstName"));

    // and an older webhook after the backfill is stale
    long older = id(customers.get(1));
    String stale = ShopifyWebhooksIT.customer(older, "Stale", "Older", customers.get(1).getString("email"),
        "2024-03-01T10:00:00Z", null);
    String event = "evt-" + run + "-2";
    assertThat(ShopifyWebhooksIT.deliver(SHOP, SECRET, "customers/update", event, stale).statusCode()).isEqualTo(200);
    await().atMost(PATIENCE).until(() -> jsonArray(get(INTEGRATION, "/crm/api/store/deliveries?shop=" + SHOP
        + "&status=SKIPPED&limit=200")).stream().anyMatch(d -> event.equals(d.asJsonObject().getString("eventId"))));
    assertThat(identity(customers.get(1)).getString("givenName")).isEqualTo(customers.get(1).getString("firstName"));
  }

  @Test
  void badInputUnknownShopsAndRoles() {
    assertProblem(postJson(INTEGRATION, PATH, "{\"shop\":\"nope.myshopify.com\"}"), 400, "invalid-input");
    // configured for webhooks, but without an access token
    assertProblem(postJson(INTEGRATION, PATH, "{\"shop\":\"it-shop-a.myshopify.com\"}"), 400, "invalid-input");
    assertProblem(postJson(INTEGRATION, PATH, "{}"), 400, "invalid-input");
    assertProblem(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\",\"what\":\"products\"}"), 400,
        "invalid-input");
    assertProblem(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\",\"mode\":\"stream\"}"), 400,
        "invalid-input");
    assertProblem(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\",\"updatedSince\":\"2999-01-01T00:00:00Z\"}"),
        400, "invalid-input");
    assertProblem(postJson(INTEGRATION, PATH, "{\"shop\":\"" + SHOP + "\",\"updatedSince\":\"yesterday\"}"), 400,
        "malformed-request");
    assertProblem(postJson(INTEGRATION, PATH, "{\"shop\": "), 400, "malformed-request");
    assertProblem(get(INTEGRATION, PATH + "/987654321"), 404, "not-found");
    assertProblem(postJson(INTEGRATION, PATH + "/987654321/resume", ""), 404, "not-found");
    assertProblem(postJson(AGENT, PATH, "{\"shop\":\"" + SHOP + "\"}"), 403, "forbidden");
    assertProblem(get(AGENT, PATH), 403, "forbidden");
  }

  // ---- helpers ----

  private List<JsonObject> customers(int n, String updatedAt) {
    long base = IDS.addAndGet(100);
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ShopifyAdminPeer.customerNode(base + i, "Given" + i, "Family" + i + run,
          "bf" + i + "." + run + "@example.com", updatedAt));
    }
    return out;
  }

  private static long id(JsonObject node) {
    String gid = node.getString("id");
    return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
  }

  private static String lookup(JsonObject node) {
    return "/crm/api/customers/lookup?system=" + enc("STORE:" + SHOP) + "&externalId=" + id(node);
  }

  private static JsonObject identity(JsonObject node) {
    HttpResponse<String> response = get(INTEGRATION, lookup(node));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static JsonObject purchase(long orderId) {
    HttpResponse<String> response = get(INTEGRATION, "/crm/api/purchases/by-source/" + enc("STORE:" + SHOP) + "/"
        + orderId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static JsonObject backfill(long id) {
    HttpResponse<String> response = get(INTEGRATION, PATH + "/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static JsonObject awaitStatus(long id, String status) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      String now = backfill(id).getString("status");
      if (!"RUNNING".equals(now) && !status.equals(now)) {
        throw new AssertionError("backfill " + id + " is " + now + ": " + backfill(id));
      }
      return status.equals(now);
    });
    return backfill(id);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

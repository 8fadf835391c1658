package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.counter;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shopify webhooks over real HTTP, signed like Shopify signs them (HMAC-SHA256 of the raw body, base64), with
 * payloads shaped like Shopify's documented examples. The test server has JWT on (security/jwt.xml): these
 * unauthenticated POSTs reach the receiver all the same. Shops and secrets: crm-it/pom.xml.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShopifyWebhooksIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String SHOP_A = "it-shop-a.myshopify.com";
  private static final String SHOP_B = "it-shop-b.myshopify.com";
  private static final String SHOP_C = "it-shop-c.myshopify.com";
  private static final String SECRET_A_NEW = "it-secret-a-new";
  private static final String SECRET_A_OLD = "it-secret-a-old";
  private static final String SECRET_B = "it-secret-b";
  private static final String SECRET_C = "it-secret-c";
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  // ---- authentication, parsing, limits ----

  @Test
  void validSignatureIsAcceptedAndInvalidOrMissingGets401WithNothingStored() throws SQLException {
    long id = nextId();
    String body = customer(id, "Ada", "Lovelace", "ada." + run + "@example.com", "2024-05-01T10:00:00-04:00", null);
    String good = event();
    HttpResponse<String> ok = deliver(SHOP_B, SECRET_B, "customers/create", good, body);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).getString("outcome")).isEqualTo("ACCEPTED");
    assertThat(stored(SHOP_B, good)).isEqualTo(1);

    double rejected = counter("crm_store_deliveries_total", "outcome=\"rejected-401\"");
    String bad = event();
    assertProblem(deliver(SHOP_B, "not-the-secret", "customers/create", bad, body), 401, "unauthenticated");
    String changed = event();
    // signed, then changed on the way: the signature is over the raw bytes
    assertProblem(send(webhook(SHOP_B, "customers/create", changed, body.replace("Ada", "Eve"))
        .header("X-Shopify-Hmac-Sha256", sign(body, SECRET_B))), 401, "unauthenticated");
    String missing = event();
    assertProblem(send(webhook(SHOP_B, "customers/create", missing, body)), 401, "unauthenticated");
    assertThat(stored(SHOP_B, bad) + stored(SHOP_B, changed) + stored(SHOP_B, missing)).isZero();
    assertThat(counter("crm_store_deliveries_total", "outcome=\"rejected-401\"")).isEqualTo(rejected + 3);

    awaitStatus(SHOP_B, good, "PROCESSED");
    JsonObject profile = awaitIdentity(SHOP_B, id);
    assertThat(profile.getString("givenName")).isEqualTo("Ada");
  }

  @Test
  void unknownShopOrAnotherShopsSecretGets401() throws SQLException {
    String body = customer(nextId(), "Bo", "B", "bo." + run + "@example.com", "2024-05-01T10:00:00Z", null);
    String e1 = event();
    assertProblem(deliver("it-shop-x.myshopify.com", SECRET_B, "customers/create", e1, body), 401, "unauthenticated");
    String e2 = event();
    assertProblem(deliver(SHOP_A, SECRET_B, "customers/create", e2, body), 401, "unauthenticated");
    assertThat(stored("it-shop-x.myshopify.com", e1) + stored(SHOP_A, e2)).isZero();
  }

  @Test
  void duringARotationBothSecretsAreAccepted() {
    String body = customer(nextId(), "Cy", "C", "cy." + run + "@example.com", "2024-05-01T10:00:00Z", null);
    assertThat(deliver(SHOP_A, SECRET_A_NEW, "customers/create", event(), body).statusCode()).isEqualTo(200);
    assertThat(deliver(SHOP_A, SECRET_A_OLD, "customers/update", event(), body).statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJsonGets400AndNothingStored() throws SQLException {
    String e = event();
    assertProblem(deliver(SHOP_A, SECRET_A_NEW, "customers/create", e, "{\"id\": 12, \"email\": "), 400,
        "malformed-request");
    String array = event();
    assertProblem(deliver(SHOP_A, SECRET_A_NEW, "customers/create", array, "[1,2]"), 400, "malformed-request");
    assertThat(stored(SHOP_A, e) + stored(SHOP_A, array)).isZero();
  }

  @Test
  void missingEventIdGets400AndNothingStored() throws SQLException {
    String body = customer(nextId(), "Di", "D", "di." + run + "@example.com", "2024-05-01T10:00:00Z", null);
    HttpResponse<String> response = send(request("/crm/hooks/shopify")
        .header("Content-Type", "application/json")
        .header("X-Shopify-Topic", "customers/create")
        .header("X-Shopify-Shop-Domain", SHOP_A)
        .header("X-Shopify-Hmac-Sha256", sign(body, SECRET_A_NEW))
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertProblem(response, 400, "malformed-request");
    assertThat(count("SELECT COUNT(*) FROM crm_store_delivery WHERE payload LIKE ?", "%di." + run + "%")).isZero();
  }

  @Test
  void oversizedBodyGets413AndNothingStored() throws SQLException {
    // over the IT server's 64 KiB limit, correctly signed
    String body = "{\"id\": 1, \"note\": \"" + "x".repeat(70_000) + "\"}";
    String e = event();
    assertProblem(deliver(SHOP_A, SECRET_A_NEW, "customers/create", e, body), 413, "payload-too-large");
    assertThat(stored(SHOP_A, e)).isZero();
  }

  @Test
  void unsupportedTopicIsStoredAsSkipped() throws SQLException {
    String e = event();
    HttpResponse<String> response = deliver(SHOP_A, SECRET_A_NEW, "products/create", e, "{\"id\": 632910392}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).getString("outcome")).isEqualTo("IGNORED");
    assertThat(status(SHOP_A, e)).contains("SKIPPED");
  }

  // ---- deduplication and ordering ----

  @Test
  void aDuplicateDeliveryHasOneEffect() throws SQLException {
    long id = nextId();
    String e = event();
    String body = customer(id, "Ed", "E", "ed." + run + "@example.com", "2024-05-01T10:00:00Z", null);
    double duplicates = counter("crm_store_deliveries_total", "outcome=\"duplicate\"");
    HttpResponse<String> first = deliver(SHOP_A, SECRET_A_NEW, "customers/create", e, body);
    HttpResponse<String> second = deliver(SHOP_A, SECRET_A_OLD, "customers/create", e, body);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second).getString("outcome")).isEqualTo("DUPLICATE");
    assertThat(json(second).getJsonNumber("deliveryId").longValue())
        .isEqualTo(json(first).getJsonNumber("deliveryId").longValue());
    assertThat(stored(SHOP_A, e)).isEqualTo(1);
    assertThat(counter("crm_store_deliveries_total", "outcome=\"duplicate\"")).isEqualTo(duplicates + 1);
    awaitStatus(SHOP_A, e, "PROCESSED");
    awaitIdentity(SHOP_A, id);
  }

  @Test
  void concurrentDuplicatesStoreOneDelivery() throws Exception {
    long id = nextId();
    String e = event();
    String body = customer(id, "Pia", "P", "pia." + run + "@example.com", "2024-05-01T10:00:00Z", null);
    // HTTP/1.1, as Shopify posts (several fresh h2c upgrades at once trip the server's HTTP/2 upgrade handling)
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sent.add(client.sendAsync(webhook(SHOP_A, "customers/create", e, body)
          .header("X-Shopify-Hmac-Sha256", sign(body, SECRET_A_NEW)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> response : sent) {
      assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
    }
    assertThat(stored(SHOP_A, e)).isEqualTo(1);
    awaitStatus(SHOP_A, e, "PROCESSED");
  }

  @Test
  void customersDeleteClosesTheLinkAndKeepsTheProfile() {
    long id = nextId();
    String email = "quinn." + run + "@example.com";
    String c = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/create", c, customer(id, "Quinn", "Q", email, "2024-06-01T10:00:00Z",
        null));
    awaitStatus(SHOP_A, c, "PROCESSED");
    String d = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/delete", d, """
        {"id": %d, "phone": null, "addresses": [], "tax_exemptions": [], "email_marketing_consent": null,
         "sms_marketing_consent": null, "admin_graphql_api_id": "gid://shopify/Customer/%d"}""".formatted(id, id));
    awaitStatus(SHOP_A, d, "PROCESSED");
    assertThat(awaitIdentity(SHOP_A, id).getString("givenName")).isEqualTo("Quinn");
    String late = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/update", late, customer(id, "Changed", "Q", email,
        "2024-06-05T10:00:00Z", null));
    awaitStatus(SHOP_A, late, "SKIPPED");
    assertThat(awaitIdentity(SHOP_A, id).getString("givenName")).isEqualTo("Quinn");
  }

  @Test
  void anOlderUpdateArrivingLaterDoesNotOverwrite() {
    long id = nextId();
    String email = "fay." + run + "@example.com";
    String newer = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/update", newer, customer(id, "Newer", "F", email,
        "2024-06-02T10:00:00Z", consent("subscribed", "2024-06-02T09:00:00Z")));
    awaitStatus(SHOP_A, newer, "PROCESSED");
    String older = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/update", older, customer(id, "Older", "F", email,
        "2024-06-01T10:00:00Z", consent("unsubscribed", "2024-06-01T09:00:00Z")));
    awaitStatus(SHOP_A, older, "SKIPPED");
    JsonObject profile = awaitIdentity(SHOP_A, id);
    assertThat(profile.getString("givenName")).isEqualTo("Newer");
    long customerId = profile.getJsonNumber("id").longValue();
    JsonObject contact = json(get(INTEGRATION, "/crm/api/customers/" + customerId
        + "/contactability?channel=EMAIL&purpose=MARKETING"));
    assertThat(contact.getBoolean("allowed")).isTrue();
  }

  // ---- orders and refunds ----

  @Test
  void aGuestCheckoutIsResolvedByEmailAndRecordedAsAPurchase() {
    long orderId = nextId();
    String email = "guest." + run + "@example.com";
    String e = event();
    deliver(SHOP_A, SECRET_A_NEW, "orders/create", e, order(orderId, email, null, "2024-06-01T10:00:00Z", "paid"));
    awaitStatus(SHOP_A, e, "PROCESSED");
    JsonObject profile = json(get(INTEGRATION, "/crm/api/customers/lookup?email=" + enc(email)));
    JsonObject purchase = purchase(SHOP_A, orderId);
    assertThat(purchase.getJsonNumber("customerId").longValue()).isEqualTo(profile.getJsonNumber("id").longValue());
    assertThat(purchase.getString("status")).isEqualTo("PAID");
    assertThat(purchase.getString("currency")).isEqualTo("USD");
    assertThat(purchase.getJsonArray("lines")).hasSize(2);
    // 199 - 10 + 199 = 388 lines, - 10 order discount, + 15 shipping
    assertThat(purchase.getJsonNumber("total").bigDecimalValue()).isEqualByComparingTo("393");
  }

  @Test
  void anOrderWithACustomerUpsertsTheBuyerAndARefundAdjustsThePurchase() {
    long orderId = nextId();
    long customerId = nextId();
    String e = event();
    deliver(SHOP_A, SECRET_A_NEW, "orders/paid", e, order(orderId, "buyer." + run + "@example.com",
        customer(customerId, "Gus", "G", "buyer." + run + "@example.com", "2024-06-01T09:00:00Z", null),
        "2024-06-01T10:00:00Z", "paid"));
    awaitStatus(SHOP_A, e, "PROCESSED");
    JsonObject profile = awaitIdentity(SHOP_A, customerId);
    assertThat(purchase(SHOP_A, orderId).getJsonNumber("customerId").longValue())
        .isEqualTo(profile.getJsonNumber("id").longValue());

    String r = event();
    deliver(SHOP_A, SECRET_A_NEW, "refunds/create", r, refund(nextId(), orderId, "189.00"));
    awaitStatus(SHOP_A, r, "PROCESSED");
    JsonObject refunded = purchase(SHOP_A, orderId);
    assertThat(refunded.getJsonNumber("refundedTotal").bigDecimalValue()).isEqualByComparingTo("189");
    assertThat(refunded.getJsonArray("refunds")).hasSize(1);

    // a newer version of the order (cancelled) replaces it; an older one afterwards does not
    String cancelled = event();
    deliver(SHOP_A, SECRET_A_NEW, "orders/cancelled", cancelled, order(orderId, "buyer." + run + "@example.com",
        null, "2024-06-03T10:00:00Z", "partially_refunded").replace("\"cancelled_at\": null",
        "\"cancelled_at\": \"2024-06-03T10:00:00Z\""));
    awaitStatus(SHOP_A, cancelled, "PROCESSED");
    String stale = event();
    deliver(SHOP_A, SECRET_A_NEW, "orders/updated", stale, order(orderId, "buyer." + run + "@example.com", null,
        "2024-06-02T10:00:00Z", "paid"));
    awaitStatus(SHOP_A, stale, "SKIPPED");
    assertThat(purchase(SHOP_A, orderId).getString("status")).isEqualTo("CANCELLED");
  }

  @Test
  void aRefundBeforeItsOrderIsRetriedThenParkedAndReplayedOnceTheOrderIsIn() throws SQLException {
    long orderId = nextId();
    String r = event();
    long deliveryId = json(deliver(SHOP_A, SECRET_A_NEW, "refunds/create", r, refund(nextId(), orderId, "50.00")))
        .getJsonNumber("deliveryId").longValue();
    // no purchase yet: retried (3 attempts in the IT server), then FAILED and parked with its payload
    await().atMost(PATIENCE).until(() -> status(SHOP_A, r).filter("FAILED"::equals).isPresent());
    JsonObject letter = deadLetterOf(deliveryId);
    assertThat(letter.getString("routeId")).isEqualTo("store-deliveries");
    assertThat(letter.getString("payload")).contains("\"order_id\": " + orderId);
    assertThat(letter.getInt("attempts")).isEqualTo(3);

    String o = event();
    deliver(SHOP_A, SECRET_A_NEW, "orders/create", o, order(orderId, "late." + run + "@example.com", null,
        "2024-06-01T10:00:00Z", "paid"));
    awaitStatus(SHOP_A, o, "PROCESSED");
    HttpResponse<String> replay = send(requestAs(INTEGRATION, "/crm/api/dead-letters/"
        + letter.getJsonNumber("id").longValue() + "/replay").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
    assertThat(json(replay).getString("status")).isEqualTo("REPLAYED");
    assertThat(status(SHOP_A, r)).contains("PROCESSED");
    assertThat(purchase(SHOP_A, orderId).getJsonNumber("refundedTotal").bigDecimalValue()).isEqualByComparingTo("50");
  }

  @Test
  void invalidDataFailsAtOnceAsADeadLetter() throws SQLException {
    String e = event();
    long deliveryId = json(deliver(SHOP_A, SECRET_A_NEW, "customers/create", e, customer(nextId(), "Max", "M",
        "not-an-email-" + run, "2024-06-01T10:00:00Z", null))).getJsonNumber("deliveryId").longValue();
    await().atMost(PATIENCE).until(() -> status(SHOP_A, e).filter("FAILED"::equals).isPresent());
    JsonObject letter = deadLetterOf(deliveryId);
    assertThat(letter.getInt("attempts")).isEqualTo(1);
    assertThat(letter.getString("reason")).contains("InvalidInputException");
    assertThat(count("SELECT COUNT(*) FROM crm_store_delivery WHERE event_id = ? AND attempts = 1", e)).isEqualTo(1);
  }

  private static JsonObject deadLetterOf(long deliveryId) {
    JsonObject page = json(get(INTEGRATION, "/crm/api/dead-letters?system=store&routeId=store-deliveries&limit=200"));
    return page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(l -> l.getString("messageKey").equals("delivery:" + deliveryId)).findFirst().orElseThrow();
  }

  // ---- privacy topics ----

  @Test
  void aDataRequestProducesTheExportForTheMerchant() {
    long id = nextId();
    String email = "hal." + run + "@example.com";
    String c = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/create", c, customer(id, "Hal", "H", email, "2024-06-01T10:00:00Z", null));
    awaitStatus(SHOP_A, c, "PROCESSED");
    long requestId = nextId();
    String e = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/data_request", e, """
        {"shop_id": 954889, "shop_domain": "%s", "orders_requested": [], "customer": {"id": %d, "email": "%s",
         "phone": null}, "data_request": {"id": %d}}""".formatted(SHOP_A, id, email, requestId));
    awaitStatus(SHOP_A, e, "PROCESSED");
    JsonArray requests = jsonArray(get(INTEGRATION, "/crm/api/store/data-requests?shop=" + SHOP_A));
    JsonObject request = requests.getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("requestId").equals(String.valueOf(requestId))).findFirst().orElseThrow();
    assertThat(request.getJsonArray("customerIds")).hasSize(1);
    HttpResponse<String> export = get(INTEGRATION, "/crm/api/store/data-requests/"
        + request.getJsonNumber("id").longValue() + "/export");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body()).contains(email).contains("\"dataRequestId\"");
    // operators only
    assertProblem(get("agent", "/crm/api/store/data-requests"), 403, "forbidden");
    assertProblem(send(request("/crm/api/store/data-requests").GET()), 401, "unauthenticated");
  }

  @Test
  void customersRedactErasesTheLinkedProfileAndItsStoredPayloads() throws SQLException {
    long id = nextId();
    long orderId = nextId();
    String email = "ivy." + run + "@example.com";
    String c = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/create", c, customer(id, "Ivy", "I", email, "2024-06-01T10:00:00Z", null));
    String o = event();
    deliver(SHOP_A, SECRET_A_NEW, "orders/create", o, order(orderId, email,
        customer(id, "Ivy", "I", email, "2024-06-01T10:00:00Z", null), "2024-06-01T11:00:00Z", "paid"));
    awaitStatus(SHOP_A, o, "PROCESSED");
    String r = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/redact", r, """
        {"shop_id": 954889, "shop_domain": "%s", "customer": {"id": %d, "email": "%s", "phone": null},
         "orders_to_redact": [%d]}""".formatted(SHOP_A, id, email, orderId));
    awaitStatus(SHOP_A, r, "PROCESSED");
    assertThat(get(INTEGRATION, "/crm/api/customers/lookup?system=" + enc("STORE:" + SHOP_A) + "&externalId=" + id)
        .statusCode()).isEqualTo(404);
    assertThat(TestDatabase.whereStored(email)).isEmpty();
    // a late update of the redacted customer does not bring them back
    String late = event();
    deliver(SHOP_A, SECRET_A_NEW, "customers/update", late, customer(id, "Ivy", "I", email, "2024-06-05T10:00:00Z",
        null));
    awaitStatus(SHOP_A, late, "SKIPPED");
    assertThat(get(INTEGRATION, "/crm/api/customers/lookup?email=" + enc(email)).statusCode()).isEqualTo(404);
  }

  @Test
  void shopRedactErasesTheShopsCustomersAndLaterDeliveriesAreNotApplied() throws SQLException {
    long id = nextId();
    String email = "jo." + run + "@example.com";
    String c = event();
    deliver(SHOP_C, SECRET_C, "customers/create", c, customer(id, "Jo", "J", email, "2024-06-01T10:00:00Z", null));
    awaitStatus(SHOP_C, c, "PROCESSED");
    awaitIdentity(SHOP_C, id);
    String r = event();
    deliver(SHOP_C, SECRET_C, "shop/redact", r, "{\"shop_id\": 954889, \"shop_domain\": \"" + SHOP_C + "\"}");
    awaitStatus(SHOP_C, r, "PROCESSED");
    assertThat(get(INTEGRATION, "/crm/api/customers/lookup?email=" + enc(email)).statusCode()).isEqualTo(404);
    assertThat(TestDatabase.whereStored(email)).isEmpty();
    String late = event();
    assertThat(deliver(SHOP_C, SECRET_C, "customers/update", late, customer(nextId(), "Kim", "K",
        "kim." + run + "@example.com", "2024-06-05T10:00:00Z", null)).statusCode()).isEqualTo(200);
    awaitStatus(SHOP_C, late, "SKIPPED");
    assertThat(get(INTEGRATION, "/crm/api/customers/lookup?email=" + enc("kim." + run + "@example.com"))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void operatorsListDeliveriesAndCounts() {
    String e = event();
    String body = customer(nextId(), "Lu", "L", "lu." + run + "@example.com", "2024-06-01T10:00:00Z", null);
    long deliveryId = json(send(webhook(SHOP_A, "customers/create", e, body)
        .header("X-Shopify-Hmac-Sha256", sign(body, SECRET_A_NEW)).header("X-Correlation-Id", "corr-" + run)))
        .getJsonNumber("deliveryId").longValue();
    awaitStatus(SHOP_A, e, "PROCESSED");
    JsonObject delivery = json(get(INTEGRATION, "/crm/api/store/deliveries/" + deliveryId));
    assertThat(delivery.getString("eventId")).isEqualTo(e);
    assertThat(delivery.getString("topic")).isEqualTo("customers/create");
    assertThat(delivery.getString("apiVersion")).isEqualTo("2025-07");
    assertThat(delivery.getString("correlationId")).isEqualTo("corr-" + run);
    assertThat(delivery.getInt("attempts")).isEqualTo(1);
    assertThat(counter("crm_store_deliveries_total", "topic=\"customers/create\"", "outcome=\"processed\""))
        .isPositive();
    JsonArray counts = jsonArray(get(INTEGRATION, "/crm/api/store/deliveries/counts"));
    assertThat(counts.getValuesAs(JsonObject.class)).anySatisfy(row -> {
      assertThat(row.getString("shop")).isEqualTo(SHOP_A);
      assertThat(row.getString("status")).isEqualTo("PROCESSED");
    });
    HttpResponse<String> list = get(INTEGRATION, "/crm/api/store/deliveries?shop=" + SHOP_A + "&topic="
        + enc("customers/create") + "&status=PROCESSED&limit=5");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).doesNotContain("payload");
    assertProblem(get(INTEGRATION, "/crm/api/store/deliveries?status=BOGUS"), 400, "invalid-input");
  }

  // ---- the test sender ----

  private static long nextId() {
    return IDS.incrementAndGet();
  }

  private String event() {
    return UUID.randomUUID().toString();
  }

  private static HttpRequest.Builder webhook(String shop, String topic, String eventId, String body) {
    return request("/crm/hooks/shopify")
        .header("Content-Type", "application/json")
        .header("X-Shopify-Topic", topic)
        .header("X-Shopify-Shop-Domain", shop)
        .header("X-Shopify-Event-Id", eventId)
        .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
        .header("X-Shopify-API-Version", "2025-07")
        .header("X-Shopify-Triggered-At", "2024-06-01T10:00:00.123456789Z")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  static HttpResponse<String> deliver(String shop, String secret, String topic, String eventId, String body) {
    return send(webhook(shop, topic, eventId, body).header("X-Shopify-Hmac-Sha256", sign(body, secret)));
  }

  static String sign(String body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- payloads shaped like Shopify's documented examples ----

  static String consent(String state, String at) {
    return """
        {"state": "%s", "opt_in_level": "single_opt_in", "consent_updated_at": "%s"}""".formatted(state, at);
  }

  static String customer(long id, String first, String last, String email, String updatedAt, String emailConsent) {
    return """
        {"id": %d, "email": "%s", "created_at": "2024-01-01T10:00:00-05:00", "updated_at": "%s",
         "first_name": "%s", "last_name": "%s", "orders_count": 0, "state": "disabled", "total_spent": "0.00",
         "last_order_id": null, "note": null, "verified_email": true, "multipass_identifier": null,
         "tax_exempt": false, "tags": "Loyal, VIP", "last_order_name": null, "currency": "USD", "phone": null,
         "addresses": [], "tax_exemptions": [], "email_marketing_consent": %s, "sms_marketing_consent": null,
         "admin_graphql_api_id": "gid://shopify/Customer/%d",
         "default_address": {"id": 207119551, "customer_id": %d, "first_name": "%s", "last_name": "%s",
           "company": null, "address1": "151 O'Connor Street", "address2": null, "city": "Ottawa",
           "province": "Ontario", "country": "Canada", "zip": "K2P 2L8", "phone": null, "name": "%s %s",
           "province_code": "ON", "country_code": "CA", "country_name": "Canada", "default": true}}"""
        .formatted(id, email, updatedAt, first, last, emailConsent == null ? "null" : emailConsent, id, id, first,
            last, first, last);
  }

  static String order(long id, String email, String customer, String updatedAt, String financialStatus) {
    return """
        {"id": %d, "admin_graphql_api_id": "gid://shopify/Order/%d", "cancel_reason": null, "cancelled_at": null,
         "contact_email": "%s", "created_at": "2024-06-01T10:00:00Z", "currency": "USD", "email": "%s",
         "financial_status": "%s", "fulfillment_status": null, "name": "#%d", "phone": null,
         "processed_at": "2024-06-01T10:00:00Z", "subtotal_price": "388.00", "taxes_included": false,
         "total_discounts": "20.00", "total_line_items_price": "398.00", "total_price": "393.00",
         "total_shipping_price_set": {"shop_money": {"amount": "15.00", "currency_code": "USD"},
           "presentment_money": {"amount": "15.00", "currency_code": "USD"}},
         "total_tax": "0.00", "updated_at": "%s",
         "billing_address": {"first_name": "Steve", "address1": "123 Shipping Street", "phone": "555-555-SHIP",
           "city": "Shippington", "zip": "40003", "province": "Kentucky", "country": "United States",
           "last_name": "Shipper", "address2": null, "company": "Shipping Company", "name": "Steve Shipper",
           "country_code": "US", "province_code": "KY"},
         "customer": %s,
         "line_items": [
           {"id": 866550311766439020, "name": "IPod Nano - 8GB", "price": "199.00", "product_id": 632910392,
            "quantity": 1, "sku": "IPOD2008PINK", "title": "IPod Nano - 8GB", "total_discount": "0.00",
            "variant_id": 808950810, "variant_title": null,
            "discount_allocations": [{"amount": "10.00", "discount_application_index": 0}]},
           {"id": 141249953214522974, "name": "IPod Nano - 8GB", "price": "199.00", "product_id": 632910392,
            "quantity": 1, "sku": "", "title": "IPod Nano - 8GB", "total_discount": "0.00",
            "variant_id": 808950811, "variant_title": "Pink", "discount_allocations": []}],
         "refunds": [],
         "shipping_lines": [{"id": 271878346596884015, "price": "15.00", "title": "Generic Shipping",
           "discount_allocations": []}]}"""
        .formatted(id, id, email, email, financialStatus, id, updatedAt, customer == null ? "null" : customer);
  }

  static String refund(long id, long orderId, String amount) {
    return """
        {"id": %d, "order_id": %d, "created_at": "2024-06-02T10:00:00-05:00", "note": "Things were damaged",
         "user_id": 548380009, "processed_at": "2024-06-02T10:00:00-05:00", "restock": false, "duties": [],
         "admin_graphql_api_id": "gid://shopify/Refund/%d",
         "refund_line_items": [{"id": 487817672276298554, "line_item_id": 866550311766439020, "quantity": 1,
           "restock_type": "no_restock", "subtotal": %s, "total_tax": 0.0}],
         "transactions": [{"id": 179259969, "order_id": %d, "kind": "refund", "gateway": "bogus",
           "status": "success", "amount": "%s", "currency": "USD"}],
         "order_adjustments": []}""".formatted(id, orderId, id, amount, orderId, amount);
  }

  // ---- checks ----

  private static Optional<String> status(String shop, String eventId) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT status FROM crm_store_delivery WHERE shop = ? AND event_id = ?")) {
      s.setString(1, shop);
      s.setString(2, eventId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  private static int stored(String shop, String eventId) throws SQLException {
    return count("SELECT COUNT(*) FROM crm_store_delivery WHERE shop = ? AND event_id = ?", shop, eventId);
  }

  private static int count(String sql, String... args) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static void awaitStatus(String shop, String eventId, String expected) {
    await().atMost(PATIENCE).until(() -> status(shop, eventId).filter(s -> !"RECEIVED".equals(s)).isPresent());
    try {
      assertThat(status(shop, eventId)).contains(expected);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject awaitIdentity(String shop, long id) {
    String path = "/crm/api/customers/lookup?system=" + enc("STORE:" + shop) + "&externalId=" + id;
    await().atMost(PATIENCE).until(() -> get(INTEGRATION, path).statusCode() == 200);
    return json(get(INTEGRATION, path));
  }

  private static JsonObject purchase(String shop, long orderId) {
    HttpResponse<String> response = get(INTEGRATION, "/crm/api/purchases/by-source/" + enc("STORE:" + shop) + "/"
        + orderId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

}

package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.counter;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.postJson;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Purchases through the REST API and the real database: upserts by source order where the newest version
 * wins whatever the arrival order, refunds, specific problems for bad input, merge and erasure.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PurchaseIT {

  private static final String PURCHASES = "/crm/api/purchases";

  private static final String LINES_V1 = """
      [{"sku":"BK-1","name":"Atlas","category":"books","quantity":2,"unitPrice":19.99,"discount":1.00},
       {"sku":"PN-7","name":"Pen","category":"office","quantity":1,"unitPrice":5.50}]""";
  private static final String LINES_V3 = """
      [{"sku":"BK-1","name":"Atlas","category":"books","quantity":1,"unitPrice":19.99}]""";

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void theNewestVersionWinsAndAnOlderOneArrivingLaterIsStale() {
    long customer = customer();
    String order = "O-" + run;
    double createdBefore = events("created");
    double updatedBefore = events("updated");

    HttpResponse<String> created = postJson(INTEGRATION, PURCHASES,
        purchase(customer, order, "PLACED", "2026-03-01T10:00:00Z", LINES_V1, "3.00", "4.90", "7.12"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject first = json(created);
    assertThat(first.getString("outcome")).isEqualTo("CREATED");
    JsonObject p = first.getJsonObject("purchase");
    long id = p.getJsonNumber("id").longValue();
    assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(PURCHASES + "/" + id));
    assertThat(p.getJsonNumber("customerId").longValue()).isEqualTo(customer);
    assertThat(p.getString("currency")).isEqualTo("EUR");
    assertThat(p.getJsonNumber("subtotal").toString()).isEqualTo("44.48");
    assertThat(p.getJsonNumber("total").toString()).isEqualTo("53.50");
    assertThat(p.getJsonNumber("netTotal").toString()).isEqualTo("53.50");
    assertThat(p.getJsonArray("lines").getJsonObject(0).getJsonNumber("lineTotal").toString()).isEqualTo("38.98");

    HttpResponse<String> again = postJson(INTEGRATION, PURCHASES,
        purchase(customer, order, "PLACED", "2026-03-01T10:00:00Z", LINES_V1, "3.00", "4.90", "7.12"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).getString("outcome")).isEqualTo("UNCHANGED");

    HttpResponse<String> newer = postJson(INTEGRATION, PURCHASES,
        purchase(customer, order, "FULFILLED", "2026-03-03T10:00:00Z", LINES_V3, null, "4.90", null));
    assertThat(newer.statusCode()).isEqualTo(200);
    assertThat(json(newer).getString("outcome")).isEqualTo("UPDATED");
    JsonObject updated = json(newer).getJsonObject("purchase");
    assertThat(updated.getString("status")).isEqualTo("FULFILLED");
    assertThat(updated.getJsonArray("lines")).hasSize(1);
    assertThat(updated.getJsonNumber("total").toString()).isEqualTo("24.89");

    HttpResponse<String> older = postJson(INTEGRATION, PURCHASES,
        purchase(customer, order, "PAID", "2026-03-02T10:00:00Z", LINES_V1, null, null, null));
    assertThat(older.statusCode()).isEqualTo(200);
    assertThat(json(older).getString("outcome")).isEqualTo("STALE");
    assertThat(json(older).getJsonObject("purchase").getString("status")).as("the stored, newer state").isEqualTo("FULFILLED");

    JsonObject stored = json(get(AGENT, PURCHASES + "/" + id));
    assertThat(stored.getString("status")).isEqualTo("FULFILLED");
    assertThat(stored.getJsonNumber("total").toString()).isEqualTo("24.89");
    assertThat(stored.getJsonArray("lines").getValuesAs(JsonObject.class)).extracting(l -> l.getString("sku"))
        .containsExactly("BK-1");
    assertThat(history(stored)).containsExactly("PLACED@2026-03-01T10:00:00Z", "PAID@2026-03-02T10:00:00Z",
        "FULFILLED@2026-03-03T10:00:00Z");
    assertThat(json(get(AGENT, PURCHASES + "/by-source/shop/" + order)).getJsonNumber("id").longValue()).isEqualTo(id);

    assertThat(events("created") - createdBefore).as("PurchaseRecorded after commit, once").isEqualTo(1);
    assertThat(events("updated") - updatedBefore).as("not for unchanged or stale versions").isEqualTo(1);
  }

  @Test
  void anOlderVersionArrivingFirstIsReplacedAndTheHistoryHasBothInTimeOrder() {
    long customer = customer();
    String order = "R-" + run;
    postJson(INTEGRATION, PURCHASES, purchase(customer, order, "PAID", "2026-04-02T09:00:00Z", LINES_V3, null, null, null));

    HttpResponse<String> late = postJson(INTEGRATION, PURCHASES,
        purchase(customer, order, "PLACED", "2026-04-01T09:00:00Z", LINES_V1, null, null, null));

    assertThat(json(late).getString("outcome")).isEqualTo("STALE");
    JsonObject stored = json(late).getJsonObject("purchase");
    assertThat(stored.getString("status")).isEqualTo("PAID");
    assertThat(stored.getJsonArray("lines")).hasSize(1);
    assertThat(stored.getString("sourceUpdatedAt")).isEqualTo("2026-04-02T09:00:00Z");
    assertThat(history(stored)).containsExactly("PLACED@2026-04-01T09:00:00Z", "PAID@2026-04-02T09:00:00Z");
  }

  @Test
  void theSameOrderRecordedConcurrentlyIsStoredOnce() throws Exception {
    long customer = customer();
    String body = purchase(customer, "C-" + run, "PAID", "2026-03-01T10:00:00Z", LINES_V1, null, null, null);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Integer> statuses = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> postJson(INTEGRATION, PURCHASES, body));
      }
      for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
        HttpResponse<String> response = result.get();
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        statuses.add(response.statusCode());
        outcomes.add(json(response).getString("outcome"));
        ids.add(json(response).getJsonObject("purchase").getJsonNumber("id").longValue());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(outcomes).filteredOn("UNCHANGED"::equals).hasSize(7);
    assertThat(ids).hasSize(1);
    assertThat(json(get(AGENT, PURCHASES + "?customerId=" + customer)).getJsonArray("items")).hasSize(1);
  }

  @Test
  void concurrentVersionsOfOneOrderEndWithTheNewest() throws Exception {
    long customer = customer();
    String order = "V-" + run;
    String[] statuses = {"PLACED", "PAID", "FULFILLED"};
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String body = purchase(customer, order, statuses[i % 3], "2026-03-01T1%d:00:00Z".formatted(i),
          "[{\"sku\":\"Q\",\"quantity\":%d,\"unitPrice\":1.00}]".formatted(i + 1), null, null, null);
      calls.add(() -> postJson(INTEGRATION, PURCHASES, body));
    }
    java.util.Collections.shuffle(calls);
    List<String> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
        HttpResponse<String> response = result.get();
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        outcomes.add(json(response).getString("outcome"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(outcomes).filteredOn("CREATED"::equals).hasSize(1);
    JsonObject stored = json(get(AGENT, PURCHASES + "/by-source/shop/" + order));
    assertThat(stored.getString("sourceUpdatedAt")).isEqualTo("2026-03-01T17:00:00Z");
    assertThat(stored.getJsonNumber("total").toString()).isEqualTo("8.00");
    assertThat(stored.getString("status")).isEqualTo("PAID");
    assertThat(history(stored)).as("every version's status, at its time").containsExactly(
        "PLACED@2026-03-01T10:00:00Z", "PAID@2026-03-01T11:00:00Z", "FULFILLED@2026-03-01T12:00:00Z",
        "PLACED@2026-03-01T13:00:00Z", "PAID@2026-03-01T14:00:00Z", "FULFILLED@2026-03-01T15:00:00Z",
        "PLACED@2026-03-01T16:00:00Z", "PAID@2026-03-01T17:00:00Z");
  }

  @Test
  void concurrentRefundsOfOnePurchaseAllCount() throws Exception {
    long customer = customer();
    String order = "CR-" + run;
    postJson(INTEGRATION, PURCHASES, purchase(customer, order, "PAID", "2026-03-01T10:00:00Z",
        "[{\"sku\":\"Q\",\"quantity\":8,\"unitPrice\":2.50}]", null, null, null));
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String body = refund("cr-" + i, "2.50", "2026-03-02T10:00:0%dZ".formatted(i));
      calls.add(() -> postJson(INTEGRATION, PURCHASES + "/by-source/shop/" + order + "/refunds", body));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
        HttpResponse<String> response = result.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonObject stored = json(get(AGENT, PURCHASES + "/by-source/shop/" + order));
    assertThat(stored.getJsonArray("refunds")).hasSize(8);
    assertThat(stored.getJsonNumber("refundedTotal").toString()).isEqualTo("20.00");
    assertThat(stored.getJsonNumber("netTotal").toString()).isEqualTo("0.00");
    assertThat(stored.getString("status")).isEqualTo("REFUNDED");
  }

  @Test
  void refundsAdjustTheTotalsUpToTheTotalOncePerRefundId() {
    long customer = customer();
    String order = "F-" + run;
    postJson(INTEGRATION, PURCHASES, purchase(customer, order, "PAID", "2026-03-01T10:00:00Z", LINES_V1, null, null, null));
    String refunds = PURCHASES + "/by-source/shop/" + order + "/refunds";

    HttpResponse<String> partial = postJson(INTEGRATION, refunds, refund("rf-1", "10.00", "2026-03-05T10:00:00Z"));
    assertThat(partial.statusCode()).as(partial.body()).isEqualTo(201);
    JsonObject afterPartial = json(partial).getJsonObject("purchase");
    assertThat(afterPartial.getJsonNumber("refundedTotal").toString()).isEqualTo("10.00");
    assertThat(afterPartial.getJsonNumber("netTotal").toString()).isEqualTo("34.48");
    assertThat(afterPartial.getString("status")).isEqualTo("PAID");

    HttpResponse<String> repeated = postJson(INTEGRATION, refunds, refund("rf-1", "10.00", "2026-03-05T10:00:00Z"));
    assertThat(repeated.statusCode()).isEqualTo(200);
    assertThat(json(repeated).getBoolean("created")).isFalse();
    assertThat(json(repeated).getJsonObject("purchase").getJsonArray("refunds")).hasSize(1);
    assertProblem(postJson(INTEGRATION, refunds, refund("rf-1", "11.00", "2026-03-05T10:00:00Z")), 409, "conflict");

    JsonObject over = assertProblem(postJson(INTEGRATION, refunds, refund("rf-2", "34.49", "2026-03-06T10:00:00Z")),
        409, "conflict");
    assertThat(over.getString("detail")).contains("exceed");
    JsonObject threeDecimals = assertProblem(postJson(INTEGRATION, refunds, refund("rf-3", "1.001", "2026-03-06T10:00:00Z")),
        400, "invalid-input");
    assertThat(fields(threeDecimals)).containsExactly("amount");

    HttpResponse<String> rest = postJson(INTEGRATION, refunds, refund("rf-2", "34.48", "2026-03-06T10:00:00Z"));
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
    JsonObject refunded = json(rest).getJsonObject("purchase");
    assertThat(refunded.getString("status")).isEqualTo("REFUNDED");
    assertThat(refunded.getJsonNumber("netTotal").toString()).isEqualTo("0.00");
    assertThat(refunded.getJsonNumber("refundedTotal").toString()).isEqualTo("44.48");
    assertThat(history(refunded)).containsExactly("PAID@2026-03-01T10:00:00Z", "REFUNDED@2026-03-06T10:00:00Z");
    assertThat(json(postJson(INTEGRATION, refunds, refund("rf-2", "34.48", "2026-03-06T10:00:00Z"))).getBoolean("created"))
        .isFalse();
    assertProblem(postJson(INTEGRATION, refunds, refund("rf-4", "0.01", "2026-03-07T10:00:00Z")), 409, "conflict");

    assertProblem(postJson(INTEGRATION, PURCHASES + "/by-source/shop/nope-" + run + "/refunds",
        refund("rf-1", "1.00", "2026-03-05T10:00:00Z")), 404, "not-found");
    assertProblem(postJson(AGENT, refunds, refund("rf-5", "1.00", "2026-03-05T10:00:00Z")), 403, "forbidden");
  }

  @Test
  void badPurchasesGetSpecificProblems() {
    long customer = customer();
    assertThat(fields(assertProblem(postJson(INTEGRATION, PURCHASES,
        purchase(customer, "B1-" + run, "PLACED", "2026-03-01T10:00:00Z", LINES_V1, null, null, null)
            .replace("\"EUR\"", "\"XXY\"")), 400, "invalid-input")))
        .containsExactly("currency");

    JsonObject negative = assertProblem(postJson(INTEGRATION, PURCHASES, purchase(customer, "B2-" + run, "PLACED",
        "2026-03-01T10:00:00Z", "[{\"sku\":\"X\",\"quantity\":-1,\"unitPrice\":1.00}]", null, null, null)),
        400, "invalid-input");
    assertThat(fields(negative)).containsExactly("lines[0].quantity");

    JsonObject decimals = assertProblem(postJson(INTEGRATION, PURCHASES, purchase(customer, "B3-" + run, "PLACED",
        "2026-03-01T10:00:00Z", "[{\"sku\":\"X\",\"quantity\":1,\"unitPrice\":1.00},"
            + "{\"sku\":\"Y\",\"quantity\":1,\"unitPrice\":10.555}]", null, null, null)), 400, "invalid-input");
    assertThat(fields(decimals)).containsExactly("lines[1].unitPrice");
    assertThat(decimals.getJsonArray("errors").getJsonObject(0).getString("message")).contains("2 decimal places");

    assertProblem(postJson(INTEGRATION, PURCHASES,
        purchase(987654321L, "B4-" + run, "PLACED", "2026-03-01T10:00:00Z", LINES_V1, null, null, null)), 404, "not-found");

    assertThat(fields(assertProblem(postJson(INTEGRATION, PURCHASES, purchase(customer, "B5-" + run, "PLACED",
        "2026-03-01T10:00:00Z", LINES_V1, null, null, null).replace("\"lines\":", "\"ignored\":")), 400, "invalid-input")))
        .containsExactly("lines");
    assertThat(fields(assertProblem(postJson(INTEGRATION, PURCHASES, purchase(customer, "B6-" + run, "PLACED",
        "2026-03-01T10:00:00Z", "[]", null, null, null)), 400, "invalid-input"))).containsExactly("lines");
    assertThat(fields(assertProblem(postJson(INTEGRATION, PURCHASES, purchase(customer, "B7-" + run, "PLACED",
        "2026-03-01T10:00:00Z", LINES_V1, "100.00", null, null)), 400, "invalid-input"))).containsExactly("discountTotal");
    assertProblem(postJson(INTEGRATION, PURCHASES, purchase(customer, "B8-" + run, "SHIPPED",
        "2026-03-01T10:00:00Z", LINES_V1, null, null, null)), 400, "malformed-request");
    assertProblem(postJson(AGENT, PURCHASES, purchase(customer, "B9-" + run, "PLACED",
        "2026-03-01T10:00:00Z", LINES_V1, null, null, null)), 403, "forbidden");

    String batch = "[" + purchase(customer, "B10-" + run, "PLACED", "2026-03-01T10:00:00Z", LINES_V1, null, null, null)
        + "," + purchase(customer, "B11-" + run, "PLACED", "2026-03-01T10:00:00Z", LINES_V1, null, null, null)
            .replace("\"EUR\"", "\"XXY\"") + "]";
    assertThat(fields(assertProblem(postJson(INTEGRATION, PURCHASES + "/batch", batch), 400, "invalid-input")))
        .containsExactly("purchases[1].currency");
    assertProblem(get(AGENT, PURCHASES + "/by-source/shop/B10-" + run), 404, "not-found");
    assertThat(fields(assertProblem(get(AGENT, PURCHASES), 400, "invalid-input"))).containsExactly("customerId");
    assertProblem(get(AGENT, PURCHASES + "?customerId=" + customer + "&after=nonsense"), 400, "invalid-input");
  }

  @Test
  void aBatchIsRecordedInOrderAllOrNothing() {
    long customer = customer();
    String one = purchase(customer, "L1-" + run, "PLACED", "2026-05-01T10:00:00Z", LINES_V1, null, null, null);
    String two = purchase(customer, "L2-" + run, "PAID", "2026-05-02T10:00:00Z", LINES_V3, null, null, null);
    String oneNewer = purchase(customer, "L1-" + run, "PAID", "2026-05-03T10:00:00Z", LINES_V1, null, null, null);

    List<JsonObject> first = jsonArray(postJson(INTEGRATION, PURCHASES + "/batch", "[" + one + "," + two + "," + oneNewer + "]"))
        .getValuesAs(JsonObject.class);
    assertThat(first).extracting(r -> r.getString("outcome")).containsExactly("CREATED", "CREATED", "UPDATED");

    List<JsonObject> again = jsonArray(postJson(INTEGRATION, PURCHASES + "/batch", "[" + one + "," + two + "]"))
        .getValuesAs(JsonObject.class);
    assertThat(again).extracting(r -> r.getString("outcome")).containsExactly("STALE", "UNCHANGED");

    String unknownCustomer = purchase(987654321L, "L3-" + run, "PLACED", "2026-05-01T10:00:00Z", LINES_V1, null, null, null);
    String three = purchase(customer, "L4-" + run, "PLACED", "2026-05-04T10:00:00Z", LINES_V1, null, null, null);
    assertProblem(postJson(INTEGRATION, PURCHASES + "/batch", "[" + three + "," + unknownCustomer + "]"), 404, "not-found");
    assertProblem(get(AGENT, PURCHASES + "/by-source/shop/L4-" + run), 404, "not-found");
  }

  @Test
  void aCustomersPurchasesAreNewestFirstFilteredAndKeysetPaged() {
    long customer = customer();
    String[] statuses = {"PLACED", "PAID", "FULFILLED", "CANCELLED", "PAID"};
    for (int i = 0; i < statuses.length; i++) {
      String at = "2026-06-0%dT10:00:00Z".formatted(i + 1);
      postJson(INTEGRATION, PURCHASES, purchase(customer, "P" + i + "-" + run, statuses[i], at, LINES_V3, null, null, null)
          .replace("\"placedAt\":\"2026-01-01T00:00:00Z\"", "\"placedAt\":\"" + at + "\""));
    }
    String list = PURCHASES + "?customerId=" + customer;

    JsonObject page1 = json(get(AGENT, list + "&limit=2"));
    assertThat(orderIds(page1)).containsExactly("P4-" + run, "P3-" + run);
    JsonObject page2 = json(get(AGENT, list + "&limit=2&after=" + page1.getString("nextCursor")));
    assertThat(orderIds(page2)).containsExactly("P2-" + run, "P1-" + run);
    JsonObject page3 = json(get(AGENT, list + "&limit=2&after=" + page2.getString("nextCursor")));
    assertThat(orderIds(page3)).containsExactly("P0-" + run);
    assertThat(page3.containsKey("nextCursor")).isFalse();

    assertThat(orderIds(json(get(AGENT, list + "&status=paid&from=2026-06-02T00:00:00Z&to=2026-06-05T00:00:00Z"))))
        .containsExactly("P1-" + run);
    assertThat(orderIds(json(get(AGENT, list + "&status=PAID&status=CANCELLED"))))
        .containsExactly("P4-" + run, "P3-" + run, "P1-" + run);
  }

  @Test
  void orderIdsMayContainSlashes() {
    long customer = customer();
    String order = "2026/" + run + "/7";
    postJson(INTEGRATION, PURCHASES, purchase(customer, order, "PAID", "2026-03-01T10:00:00Z", LINES_V3, null, null, null));

    assertThat(json(get(AGENT, PURCHASES + "/by-source/shop/" + order)).getString("orderId")).isEqualTo(order);
    HttpResponse<String> refunded = postJson(INTEGRATION, PURCHASES + "/by-source/shop/" + order + "/refunds",
        refund("r", "1.00", "2026-03-02T10:00:00Z"));
    assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(201);
  }

  @Test
  void mergeMovesPurchasesToTheSurvivorAndUnmergeMovesThemBack() {
    long a = customer();
    long b = customer();
    long other = customer();
    String order = "M-" + run;
    long id = json(postJson(INTEGRATION, PURCHASES,
        purchase(b, order, "PAID", "2026-03-01T10:00:00Z", LINES_V1, null, null, null)))
        .getJsonObject("purchase").getJsonNumber("id").longValue();

    HttpResponse<String> merged = postJson(ADMIN, "/crm/api/customer-merges",
        "{\"survivorId\":%d,\"mergedIds\":[%d]}".formatted(a, b));
    assertThat(merged.statusCode()).as(merged.body()).isEqualTo(201);
    long mergeId = json(merged).getJsonNumber("mergeId").longValue();
    assertThat(json(get(AGENT, PURCHASES + "/" + id)).getJsonNumber("customerId").longValue()).isEqualTo(a);
    assertThat(orderIds(json(get(AGENT, PURCHASES + "?customerId=" + a)))).containsExactly(order);
    assertThat(orderIds(json(get(AGENT, PURCHASES + "?customerId=" + b)))).as("a merged id lists the survivor's")
        .containsExactly(order);

    JsonObject viaMergedId = json(postJson(INTEGRATION, PURCHASES,
        purchase(b, order, "FULFILLED", "2026-03-02T10:00:00Z", LINES_V1, null, null, null)));
    assertThat(viaMergedId.getString("outcome")).isEqualTo("UPDATED");
    assertThat(viaMergedId.getJsonObject("purchase").getJsonNumber("customerId").longValue())
        .as("a version naming the merged id stays with the survivor").isEqualTo(a);

    HttpResponse<String> undone = postJson(ADMIN, "/crm/api/customer-merges/" + mergeId + "/undo", "");
    assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
    assertThat(json(get(AGENT, PURCHASES + "/" + id)).getJsonNumber("customerId").longValue()).isEqualTo(b);
    assertThat(json(get(AGENT, PURCHASES + "?customerId=" + a)).getJsonArray("items")).isEmpty();

    JsonObject moved = json(postJson(INTEGRATION, PURCHASES,
        purchase(other, order, "FULFILLED", "2026-03-03T10:00:00Z", LINES_V1, null, null, null)));
    assertThat(moved.getJsonObject("purchase").getJsonNumber("customerId").longValue())
        .as("a newer version naming another customer moves the purchase").isEqualTo(other);
    JsonObject stale = json(postJson(INTEGRATION, PURCHASES,
        purchase(b, order, "PAID", "2026-03-01T12:00:00Z", LINES_V1, null, null, null)));
    assertThat(stale.getString("outcome")).isEqualTo("STALE");
    assertThat(stale.getJsonObject("purchase").getJsonNumber("customerId").longValue())
        .as("an older version does not move it back").isEqualTo(other);
  }

  @Test
  void erasureKeepsTheAmountsAndNothingPersonal() throws Exception {
    String family = "Buyer" + run;
    String email = "buyer.%s@example.com".formatted(run);
    long customer = register("{\"familyName\":\"" + family + "\",\"email\":\"" + email + "\"}");
    String order = "E-" + email;
    String lines = """
        [{"sku":"ENG-1","name":"Engraving: for %s","category":"gifts","quantity":1,"unitPrice":30.00},
         {"sku":"BK-1","name":"Atlas","category":"books","quantity":2,"unitPrice":19.99}]""".formatted(family);
    long id = json(postJson(INTEGRATION, PURCHASES,
        purchase(customer, order, "PAID", "2026-03-01T10:00:00Z", lines, null, "5.00", null)))
        .getJsonObject("purchase").getJsonNumber("id").longValue();
    postJson(INTEGRATION, PURCHASES + "/by-source/shop/" + order + "/refunds",
        "{\"refundId\":\"re-%s\",\"amount\":5.00,\"refundedAt\":\"2026-03-02T10:00:00Z\",\"reason\":\"%s asked by mail\"}"
            .formatted(email, family));
    assertThat(TestDatabase.whereStored(family)).as("control: stored before erasure")
        .contains("crm_purchase_line.name", "crm_purchase_refund.reason");
    assertThat(TestDatabase.whereStored(email)).contains("crm_purchase.order_id", "crm_purchase_refund.refund_id");

    HttpResponse<String> erased = postJson(ADMIN, "/crm/api/customers/" + customer + "/erasure",
        "{\"reason\":\"data subject request\"}");
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

    assertThat(TestDatabase.whereStored(family)).as("no trace of the name in any table").isEmpty();
    assertThat(TestDatabase.whereStored(email)).as("no trace of the email in any table").isEmpty();
    JsonObject kept = json(get(ADMIN, PURCHASES + "/" + id));
    assertThat(kept.getJsonNumber("total").toString()).isEqualTo("74.98");
    assertThat(kept.getJsonNumber("refundedTotal").toString()).isEqualTo("5.00");
    assertThat(kept.getJsonNumber("netTotal").toString()).isEqualTo("69.98");
    assertThat(kept.getString("status")).isEqualTo("PAID");
    assertThat(kept.getString("placedAt")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(kept.getJsonArray("lines").getValuesAs(JsonObject.class))
        .extracting(l -> l.getString("sku") + "/" + l.getString("category") + "/" + l.containsKey("name"))
        .containsExactly("ENG-1/gifts/false", "BK-1/books/false");
    assertThat(kept.getString("orderId")).isEqualTo("erased-" + id);
    assertProblem(get(AGENT, PURCHASES + "?customerId=" + customer), 404, "not-found");
    assertProblem(postJson(INTEGRATION, PURCHASES,
        purchase(customer, "E2-" + run, "PAID", "2026-03-01T10:00:00Z", LINES_V3, null, null, null)), 404, "not-found");
  }

  private long customer() {
    return register("{\"email\":\"p%s.%s@example.com\"}".formatted(UUID.randomUUID().toString().substring(0, 6), run));
  }

  private static long register(String body) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers", body);
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return json(response).getJsonNumber("id").longValue();
  }

  /** A version of an order of source system {@code shop}, placed 2026-01-01, in EUR. */
  static String purchase(long customer, String orderId, String status, String updatedAt, String lines,
      String discountTotal, String shippingTotal, String taxTotal) {
    StringBuilder json = new StringBuilder("""
        {"customerId":%d,"sourceSystem":"shop","orderId":"%s","status":"%s","currency":"EUR",\
        "placedAt":"2026-01-01T00:00:00Z","sourceUpdatedAt":"%s","lines":%s""".formatted(
        customer, orderId, status, updatedAt, lines));
    if (discountTotal != null) {
      json.append(",\"discountTotal\":").append(discountTotal);
    }
    if (shippingTotal != null) {
      json.append(",\"shippingTotal\":").append(shippingTotal);
    }
    if (taxTotal != null) {
      json.append(",\"taxTotal\":").append(taxTotal);
    }
    return json.append('}').toString();
  }

  private static String refund(String refundId, String amount, String at) {
    return "{\"refundId\":\"%s\",\"amount\":%s,\"refundedAt\":\"%s\",\"reason\":\"damaged\"}".formatted(refundId, amount, at);
  }

  private static List<String> history(JsonObject purchase) {
    return purchase.getJsonArray("statusHistory").getValuesAs(JsonObject.class).stream()
        .map(c -> c.getString("status") + "@" + c.getString("at")).toList();
  }

  private static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("field")).toList();
  }

  private static List<String> orderIds(JsonObject page) {
    return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(p -> p.getString("orderId")).toList();
  }

  private static double events(String event) {
    return counter("crm_purchase_events_total", "event=\"" + event + "\"");
  }
}

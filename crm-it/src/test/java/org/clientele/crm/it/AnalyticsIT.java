package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.sendJson;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * KPIs on a fixed dataset with hand-computed expectations, customer value and churn risk, and a prediction
 * run. The dataset lives in 1999–2001, which no other test touches, so the figures are exact on a shared
 * database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnalyticsIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  /*
   * Period P = [2001-01-01, 2001-07-01), 181 days; the previous period is [2000-07-04, 2001-01-01).
   *
   * Orders (one line each, no discounts, shipping or tax, so total = the line):
   *   A: 2000-09-01 100 EUR | 2001-02-01 120 EUR | 2001-03-01 60 EUR, refunded 20 -> net 40
   *   B: 2000-10-01  50 EUR | 2001-04-01  40 EUR
   *   C: 2000-11-01  80 EUR
   *   D: 2001-05-01 200 EUR | 2001-05-15 999 EUR CANCELLED (never counts)
   *   E: 2001-06-01 3000 JPY | 2001-06-10 1000 JPY refunded in full -> REFUNDED (not an order; net 0)
   *
   * Customers: purchasing in P = A, B, D, E = 4; orders in P = A 2 + B 1 + D 1 + E 1 = 5; repeaters = A = 1
   *   repeatPurchaseRate = 1/4 = 0.25, purchaseFrequency = 5/4 = 1.25
   *   previous period customers = A, B, C = 3; retained (also in P) = A, B = 2; retentionRate = 2/3
   * Money: EUR in P: 120 + 40 + 40 + 200 = 400 over 4 orders -> AOV 100.00
   *        EUR ever before 2001-07-01 (net, not cancelled): A 260 + B 90 + C 80 + D 200 = 630 / 4 = 157.50
   *        JPY in P: 3000 over 1 order -> AOV 3000; ever: E 3000 + 0 = 3000 / 1 customer = 3000
   * Feedback in P: NPS 10, 9, 9, 7, 3 -> promoters 3, detractors 1, NPS = (3 - 1) / 5 * 100 = 40
   *                (an NPS 0 on 2000-12-31 lies outside P)
   *                CSAT 5, 4, 2 -> 2 of 3 satisfied = 66.67 %, mean 11/3 = 3.667; CES 6, 4 -> mean 5
   * Conversations: A opened 2001-02-10 10:00, answered 11:00 (3600 s), resolved 2001-02-11 10:00 (86400 s)
   *                B opened 2001-03-05 09:00, answered 09:30 (1800 s), resolved 2001-03-08 09:00 (259200 s)
   *                D opened 2001-06-20 08:00, unanswered
   *   opened 3, answered 2, mean first response (3600 + 1800) / 2 = 2700 s; resolved 2, mean 172800 s
   * Customer A as of 2001-07-01T00:00Z: 3 counted orders, each at 12:00, 2000-09-01 .. 2001-03-01 = 181 days
   *   -> gap 90.5 days; silent 121.5 days (121 whole days) -> churn risk 1 - exp(-121.5 / 90.5) = 0.7388;
   *   historical CLV 260.00 EUR
   */
  @Test
  void kpisMatchTheHandComputedFigures() {
    long a = customer("a");
    long b = customer("b");
    long c = customer("c");
    long d = customer("d");
    long e = customer("e");
    order(a, "a1", "PAID", "EUR", "2000-09-01", "100");
    order(a, "a2", "PAID", "EUR", "2001-02-01", "120");
    order(a, "a3", "PAID", "EUR", "2001-03-01", "60");
    refund("a3", "20");
    order(b, "b1", "PAID", "EUR", "2000-10-01", "50");
    order(b, "b2", "FULFILLED", "EUR", "2001-04-01", "40");
    order(c, "c1", "PAID", "EUR", "2000-11-01", "80");
    order(d, "d1", "PLACED", "EUR", "2001-05-01", "200");
    order(d, "d2", "CANCELLED", "EUR", "2001-05-15", "999");
    order(e, "e1", "PAID", "JPY", "2001-06-01", "3000");
    order(e, "e2", "PAID", "JPY", "2001-06-10", "1000");
    refund("e2", "1000");

    int i = 0;
    for (int score : new int[] {10, 9, 9, 7, 3}) {
      feedback(a, "NPS", score, "2001-03-0" + (++i) + "T12:00:00Z");
    }
    feedback(b, "NPS", 0, "2000-12-31T12:00:00Z");
    feedback(b, "CSAT", 5, "2001-04-02T12:00:00Z");
    feedback(b, "CSAT", 4, "2001-04-03T12:00:00Z");
    feedback(c, "CSAT", 2, "2001-04-04T12:00:00Z");
    feedback(d, "CES", 6, "2001-05-02T12:00:00Z");
    feedback(d, "CES", 4, "2001-05-03T12:00:00Z");

    long ca = touch(a, "INBOUND", "INQUIRY", "2001-02-10T10:00:00Z");
    touch(a, "OUTBOUND", "MESSAGE", "2001-02-10T11:00:00Z");
    resolve(ca, "2001-02-11T10:00:00Z");
    long cb = touch(b, "INBOUND", "COMPLAINT", "2001-03-05T09:00:00Z");
    touch(b, "OUTBOUND", "MESSAGE", "2001-03-05T09:30:00Z");
    resolve(cb, "2001-03-08T09:00:00Z");
    touch(d, "INBOUND", "INQUIRY", "2001-06-20T08:00:00Z");

    HttpResponse<String> response = get(AGENT, "/crm/api/analytics/kpis?from=2001-01-01T00:00:00Z&to=2001-07-01T00:00:00Z");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject kpis = json(response);

    JsonObject customers = kpis.getJsonObject("customers");
    assertThat(customers.getInt("purchasingCustomers")).isEqualTo(4);
    assertThat(customers.getInt("orders")).isEqualTo(5);
    assertThat(customers.getJsonNumber("repeatPurchaseRate").doubleValue()).isEqualTo(0.25);
    assertThat(customers.getJsonNumber("purchaseFrequency").doubleValue()).isEqualTo(1.25);
    assertThat(customers.getInt("previousPeriodCustomers")).isEqualTo(3);
    assertThat(customers.getInt("retainedCustomers")).isEqualTo(2);
    assertThat(customers.getJsonNumber("retentionRate").doubleValue()).isCloseTo(2.0 / 3, within(1e-9));

    List<JsonObject> money = kpis.getJsonArray("money").getValuesAs(JsonObject.class);
    assertThat(money).extracting(m -> m.getString("currency")).containsExactly("EUR", "JPY");
    JsonObject eur = money.get(0);
    assertThat(eur.getInt("orders")).isEqualTo(4);
    assertThat(eur.getJsonNumber("revenue").bigDecimalValue()).isEqualByComparingTo("400");
    assertThat(eur.getJsonNumber("averageOrderValue").bigDecimalValue()).isEqualByComparingTo("100.00");
    assertThat(eur.getInt("customersEver")).isEqualTo(4);
    assertThat(eur.getJsonNumber("averageHistoricalClv").bigDecimalValue()).isEqualByComparingTo("157.50");
    JsonObject jpy = money.get(1);
    assertThat(jpy.getInt("orders")).isEqualTo(1);
    assertThat(jpy.getJsonNumber("averageOrderValue").bigDecimalValue()).isEqualByComparingTo("3000");
    assertThat(jpy.getJsonNumber("averageHistoricalClv").bigDecimalValue()).isEqualByComparingTo("3000");

    JsonObject satisfaction = kpis.getJsonObject("satisfaction");
    assertThat(satisfaction.getInt("npsResponses")).isEqualTo(5);
    assertThat(satisfaction.getJsonNumber("nps").doubleValue()).isEqualTo(40.0);
    assertThat(satisfaction.getInt("csatResponses")).isEqualTo(3);
    assertThat(satisfaction.getJsonNumber("csat").doubleValue()).isCloseTo(200.0 / 3, within(1e-9));
    assertThat(satisfaction.getJsonNumber("csatAverage").doubleValue()).isCloseTo(11.0 / 3, within(1e-9));
    assertThat(satisfaction.getJsonNumber("cesAverage").doubleValue()).isEqualTo(5.0);

    JsonObject service = kpis.getJsonObject("service");
    assertThat(service.getInt("conversationsOpened")).isEqualTo(3);
    assertThat(service.getInt("conversationsAnswered")).isEqualTo(2);
    assertThat(service.getJsonNumber("averageFirstResponseSeconds").doubleValue()).isEqualTo(2700.0);
    assertThat(service.getInt("conversationsResolved")).isEqualTo(2);
    assertThat(service.getJsonNumber("averageResolutionSeconds").doubleValue()).isEqualTo(172800.0);

    JsonObject value = json(get(AGENT, "/crm/api/analytics/customers/" + a + "?asOf=2001-07-01T00:00:00Z"));
    assertThat(value.getInt("orders")).isEqualTo(3);
    assertThat(value.getJsonNumber("meanDaysBetweenPurchases").doubleValue()).isCloseTo(90.5, within(1e-9));
    assertThat(value.getInt("daysSinceLastPurchase")).isEqualTo(121);
    assertThat(value.getJsonNumber("churnRisk").doubleValue()).isCloseTo(1 - Math.exp(-121.5 / 90.5), within(1e-9))
        .isCloseTo(0.7388, within(1e-4));
    JsonObject clv = value.getJsonArray("historicalClv").getJsonObject(0);
    assertThat(clv.getString("currency")).isEqualTo("EUR");
    assertThat(clv.getJsonNumber("amount").bigDecimalValue()).isEqualByComparingTo("260.00");
    JsonObject single = json(get(AGENT, "/crm/api/analytics/customers/" + c + "?asOf=2001-07-01T00:00:00Z"));
    assertThat(single.containsKey("churnRisk")).as("one order: no cadence yet").isFalse();
  }

  @Test
  void badPeriodsGetSpecificProblems() {
    assertThat(assertProblem(get(AGENT, "/crm/api/analytics/kpis?from=2001-07-01T00:00:00Z&to=2001-01-01T00:00:00Z"),
        400, "invalid-input").getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("to");
    assertProblem(get(AGENT, "/crm/api/analytics/kpis?from=yesterday&to=2001-01-01T00:00:00Z"), 400, "invalid-input");
    assertProblem(get(AGENT, "/crm/api/analytics/kpis?to=2001-01-01T00:00:00Z"), 400, "invalid-input");
    assertProblem(get(AGENT, "/crm/api/analytics/kpis?from=1980-01-01T00:00:00Z&to=2001-01-01T00:00:00Z"), 400,
        "invalid-input");
    assertProblem(get(AGENT, "/crm/api/analytics/customers/987654321"), 404, "not-found");
    assertProblem(postJson(ADMIN, "/crm/api/analytics/predictions/runs", "{\"horizonDays\":0}"), 400, "invalid-input");
    // before 1999 there is too little history to fit
    assertProblem(postJson(ADMIN, "/crm/api/analytics/predictions/runs", "{\"asOf\":\"1999-01-02T00:00:00Z\"}"), 409,
        "conflict");
  }

  /**
   * 40 customers through 1999, customer k ordering every 12 + k days: the even ones all year long, the odd
   * ones only five times, early in the year (they have left). Enough repeat buyers to fit and back-test.
   */
  @Test
  void predictionRunFitsBacktestsAndPredictsPerCustomer() {
    List<String> purchases = new ArrayList<>();
    long loyal = 0;
    long gone = 0;
    for (int k = 0; k < 40; k++) {
      long customer = customer("p" + k);
      if (k == 2) {
        loyal = customer;
      } else if (k == 3) {
        gone = customer;
      }
      int every = 12 + k;
      int count = 0;
      for (LocalDate day = LocalDate.of(1999, 1, 3).plusDays(k); day.getYear() == 1999 && (k % 2 == 0 || count < 5);
          day = day.plusDays(every), count++) {
        purchases.add(purchase(customer, "p" + k + "-" + count, "PAID", "EUR", day.toString(),
            BigDecimal.valueOf(20 + k).toPlainString()));
      }
    }
    HttpResponse<String> batch = postJson(INTEGRATION, "/crm/api/purchases/batch", "[" + String.join(",", purchases) + "]");
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);

    HttpResponse<String> response = postJson(ADMIN, "/crm/api/analytics/predictions/runs",
        "{\"asOf\":\"2000-01-01T00:00:00Z\",\"horizonDays\":365,\"holdoutDays\":90,\"currency\":\"EUR\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject fitted = json(response);
    assertThat(fitted.getInt("customersPredicted")).isEqualTo(40);
    assertThat(fitted.getJsonObject("parameters").keySet()).contains("r", "alpha", "a", "b", "p", "q", "v");
    assertThat(fitted.getJsonNumber("backTestMeanAbsoluteError").doubleValue()).isNotNegative();
    assertThat(fitted.getJsonNumber("backTestActualTotal").longValue()).isPositive();
    assertThat(json(get(AGENT, "/crm/api/analytics/predictions/runs/latest")).getJsonNumber("id").longValue())
        .isEqualTo(fitted.getJsonNumber("id").longValue());

    // customer 2 ordered every 14 days all year: about 26 orders in the next 365 days, every ~14 days
    JsonObject stays = json(get(AGENT, "/crm/api/analytics/customers/" + loyal + "?asOf=2000-01-01T00:00:00Z"))
        .getJsonObject("prediction");
    assertThat(stays.getJsonNumber("predictedOrders").doubleValue()).isBetween(13.0, 40.0);
    assertThat(stays.getJsonNumber("expectedDaysBetweenOrders").doubleValue()).isBetween(9.0, 21.0);
    assertThat(stays.getJsonNumber("predictedClv").bigDecimalValue()).isGreaterThan(new BigDecimal("100"));
    assertThat(stays.getString("currency")).isEqualTo("EUR");
    // customer 3 ordered every 15 days until spring, then nothing for eight months: most likely gone
    JsonObject left = json(get(AGENT, "/crm/api/analytics/customers/" + gone + "?asOf=2000-01-01T00:00:00Z"))
        .getJsonObject("prediction");
    assertThat(left.getJsonNumber("churnProbability").doubleValue())
        .isGreaterThan(0.5).isGreaterThan(stays.getJsonNumber("churnProbability").doubleValue());
    assertThat(left.getJsonNumber("predictedOrders").doubleValue()).isLessThan(2.0);
  }

  private long customer(String tag) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers",
        "{\"email\":\"k%s.%s@example.com\"}".formatted(tag, run));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return json(response).getJsonNumber("id").longValue();
  }

  private String purchase(long customer, String order, String status, String currency, String day, String amount) {
    return """
        {"customerId":%d,"sourceSystem":"shop","orderId":"%s-%s","status":"%s","currency":"%s",
         "placedAt":"%sT12:00:00Z","sourceUpdatedAt":"%sT12:00:00Z",
         "lines":[{"sku":"SKU-1","name":"Item","category":"general","quantity":1,"unitPrice":%s}]}"""
        .formatted(customer, order, run, status, currency, day, day, amount);
  }

  private void order(long customer, String order, String status, String currency, String day, String amount) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/purchases",
        purchase(customer, order, status, currency, day, amount));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private void refund(String order, String amount) {
    HttpResponse<String> response = postJson(INTEGRATION,
        "/crm/api/purchases/by-source/shop/" + order + "-" + run + "/refunds",
        "{\"refundId\":\"r-%s\",\"amount\":%s,\"refundedAt\":\"2001-06-20T00:00:00Z\"}".formatted(order, amount));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private void feedback(long customer, String kind, int score, String at) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/feedback", """
        {"customerId":%d,"kind":"%s","score":%d,"receivedAt":"%s","sourceSystem":"survey","sourceEventId":"%s-%s"}"""
        .formatted(customer, kind, score, at, UUID.randomUUID(), run));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private long touch(long customer, String direction, String type, String at) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/interactions", """
        {"customerId":%d,"channel":"EMAIL","type":"%s","direction":"%s","occurredAt":"%s","sourceSystem":"desk",
         "sourceEventId":"%s-%s"}""".formatted(customer, type, direction, at, UUID.randomUUID(), run));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).getJsonObject("interaction").getJsonNumber("conversationId").longValue();
  }

  private void resolve(long conversation, String at) {
    HttpResponse<String> response = sendJson(AGENT, "PUT", "/crm/api/conversations/" + conversation + "/status",
        "{\"status\":\"RESOLVED\",\"at\":\"%s\"}".formatted(at), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}

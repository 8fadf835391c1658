package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.postJson;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The 360° overview: profile and activity from every context in one read, merged ids included. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomerOverviewIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void overviewBringsProfileTouchpointsConversationsFollowUpsPurchasesAndValue() {
    long customer = customer("o1");
    long other = customer("o2");
    for (int i = 0; i < 3; i++) {
      postJson(INTEGRATION, "/crm/api/interactions", """
          {"customerId":%d,"channel":"%s","type":"INQUIRY","direction":"INBOUND","occurredAt":"2026-07-0%dT10:00:00Z",
           "sourceSystem":"desk","sourceEventId":"ov%d-%s"}""".formatted(customer, i == 0 ? "SOCIAL" : "EMAIL", i + 1, i,
          run));
    }
    postJson(INTEGRATION, "/crm/api/purchases", """
        {"customerId":%d,"sourceSystem":"shop","orderId":"ov-%s","status":"PAID","currency":"EUR",
         "placedAt":"2026-07-02T12:00:00Z","sourceUpdatedAt":"2026-07-02T12:00:00Z",
         "lines":[{"sku":"S1","name":"Mug","quantity":2,"unitPrice":12.5}]}""".formatted(other, run));
    postJson(INTEGRATION, "/crm/api/feedback", """
        {"customerId":%d,"kind":"CSAT","score":1,"receivedAt":"2026-07-03T10:00:00Z","sourceSystem":"survey",
         "sourceEventId":"ov-%s"}""".formatted(customer, run));
    HttpResponse<String> merge = postJson(ADMIN, "/crm/api/customer-merges",
        "{\"survivorId\":%d,\"mergedIds\":[%d]}".formatted(customer, other));
    assertThat(merge.statusCode()).as(merge.body()).isEqualTo(201);

    // the merged id stands for the survivor
    HttpResponse<String> response = get(AGENT, "/crm/api/customers/" + other + "/overview?recent=2");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject overview = json(response);
    assertThat(overview.getJsonObject("profile").getJsonNumber("id").longValue()).isEqualTo(customer);
    assertThat(overview.getJsonObject("profile").getJsonObject("attention").getString("reason"))
        .isEqualTo("NEGATIVE_FEEDBACK");
    assertThat(overview.getJsonArray("recentInteractions").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("occurredAt")).containsExactly("2026-07-03T10:00:00Z", "2026-07-02T10:00:00Z");
    assertThat(overview.getJsonArray("openConversations")).hasSize(1);
    assertThat(overview.getJsonArray("openFollowUps").getJsonObject(0).getString("reason"))
        .isEqualTo("NEGATIVE_FEEDBACK");
    assertThat(overview.getJsonArray("recentPurchases").getJsonObject(0).getString("orderId")).isEqualTo("ov-" + run);
    assertThat(overview.getJsonObject("value").getJsonArray("historicalClv").getJsonObject(0)
        .getJsonNumber("amount").bigDecimalValue()).isEqualByComparingTo("25.00");

    assertProblem(get(AGENT, "/crm/api/customers/" + customer + "/overview?recent=500"), 400, "invalid-input");
    assertProblem(get(AGENT, "/crm/api/customers/987654321/overview"), 404, "not-found");
  }

  private long customer(String tag) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers",
        "{\"email\":\"%s.%s@example.com\"}".formatted(tag, run));
    return json(response).getJsonNumber("id").longValue();
  }
}

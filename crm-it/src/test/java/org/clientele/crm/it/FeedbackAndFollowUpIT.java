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
import static org.clientele.crm.it.support.TestServer.sendJson;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The feedback loop: negative feedback becomes a follow-up and flags the customer; follow-up work lists and rules. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeedbackAndFollowUpIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void negativeFeedbackCreatesOneFollowUpForTheAgentAndFlagsTheCustomerUntilDone() {
    long customer = customer();
    JsonObject inquiry = json(postJson(INTEGRATION, "/crm/api/interactions", """
        {"customerId":%d,"channel":"CHAT","type":"INQUIRY","direction":"INBOUND","occurredAt":"2026-06-01T10:00:00Z",
         "sourceSystem":"desk","sourceEventId":"f1-%s"}""".formatted(customer, run))).getJsonObject("interaction");
    long conversation = inquiry.getJsonNumber("conversationId").longValue();
    sendJson(AGENT, "PUT", "/crm/api/conversations/" + conversation + "/assignment", "{\"agent\":\"carol\"}", null);

    JsonObject happy = json(postJson(INTEGRATION, "/crm/api/feedback", feedback(customer, "NPS", 9, null, "p1")));
    assertThat(happy.getJsonObject("feedback").getBoolean("negative")).isFalse();
    assertThat(happy.getJsonObject("feedback").containsKey("followUpId")).isFalse();

    String unhappy = feedback(customer, "NPS", 3, inquiry.getJsonNumber("id").longValue(), "n1");
    double negativesBefore = counter("crm_engagement_events_total", "event=\"feedback-negative\"");
    double followUpsBefore = counter("crm_engagement_events_total", "event=\"follow-up-created-negative-feedback\"");
    HttpResponse<String> first = postJson(INTEGRATION, "/crm/api/feedback", unhappy);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    JsonObject negative = json(first).getJsonObject("feedback");
    assertThat(negative.getBoolean("negative")).isTrue();
    assertThat(negative.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
    long followUpId = negative.getJsonNumber("followUpId").longValue();
    // the same survey answer again: stored once, one follow-up
    assertThat(postJson(INTEGRATION, "/crm/api/feedback", unhappy).statusCode()).isEqualTo(200);
    // FeedbackReceived and FollowUpCreated were fired once each, after commit
    assertThat(counter("crm_engagement_events_total", "event=\"feedback-negative\"")).isEqualTo(negativesBefore + 1);
    assertThat(counter("crm_engagement_events_total", "event=\"follow-up-created-negative-feedback\""))
        .isEqualTo(followUpsBefore + 1);

    JsonObject followUp = json(get(AGENT, "/crm/api/follow-ups/" + followUpId));
    assertThat(followUp.getString("reason")).isEqualTo("NEGATIVE_FEEDBACK");
    assertThat(followUp.getString("assignee")).isEqualTo("carol");
    assertThat(followUp.getString("priority")).isEqualTo("HIGH");
    assertThat(followUp.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
    assertThat(json(get(AGENT, "/crm/api/follow-ups?customerId=" + customer)).getJsonArray("items")).hasSize(1);
    JsonObject flagged = json(get(AGENT, "/crm/api/customers/" + customer));
    assertThat(flagged.getJsonObject("attention").getString("reason")).isEqualTo("NEGATIVE_FEEDBACK");

    HttpResponse<String> done = sendJson(AGENT, "PATCH", "/crm/api/follow-ups/" + followUpId,
        "{\"status\":\"DONE\"}", null);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(json(done).getString("completedAt")).isNotBlank();
    assertThat(json(get(AGENT, "/crm/api/customers/" + customer)).containsKey("attention")).isFalse();
    assertProblem(sendJson(AGENT, "PATCH", "/crm/api/follow-ups/" + followUpId, "{\"status\":\"OPEN\"}", null), 409,
        "conflict");
  }

  @Test
  void badFeedbackGetsSpecificProblemsAndStoresNothing() {
    long customer = customer();
    JsonObject nps11 = assertProblem(postJson(INTEGRATION, "/crm/api/feedback",
        feedback(customer, "NPS", 11, null, "b1")), 400, "invalid-input");
    assertThat(nps11.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("score");
    assertThat(nps11.getJsonArray("errors").getJsonObject(0).getString("message")).contains("0 to 10");
    assertProblem(postJson(INTEGRATION, "/crm/api/feedback", feedback(customer, "CSAT", 0, null, "b2")), 400,
        "invalid-input");
    assertProblem(postJson(INTEGRATION, "/crm/api/feedback", feedback(987654321L, "NPS", 5, null, "b3")), 404,
        "not-found");
    assertProblem(postJson(INTEGRATION, "/crm/api/feedback", feedback(customer, "NPS", 5, 987654321L, "b4")), 404,
        "not-found");
    assertProblem(postJson(INTEGRATION, "/crm/api/feedback", feedback(customer, "STARS", 5, null, "b5")), 400,
        "malformed-request");
    assertThat(json(get(AGENT, "/crm/api/follow-ups?customerId=" + customer)).getJsonArray("items")).isEmpty();
    assertThat(jsonArray(get(AGENT, "/crm/api/feedback?customerId=" + customer))).isEmpty();
  }

  @Test
  void followUpsByHandAreListedEarliestDueFirstKeysetPagedAndOverdue() {
    long customer = customer();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String assignee = "dave-" + run;
    long overdue = create(customer, "Call back", now.minus(2, ChronoUnit.HOURS), assignee);
    long soon = create(customer, "Send voucher", now.plus(1, ChronoUnit.DAYS), assignee);
    long later = create(customer, "Check delivery", now.plus(3, ChronoUnit.DAYS), assignee);

    JsonObject page1 = json(get(AGENT, "/crm/api/follow-ups?assignee=" + assignee + "&limit=2"));
    assertThat(page1.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(f -> f.getJsonNumber("id").longValue()).containsExactly(overdue, soon);
    JsonObject page2 = json(get(AGENT, "/crm/api/follow-ups?assignee=" + assignee + "&limit=2&after="
        + page1.getString("nextCursor")));
    assertThat(page2.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(f -> f.getJsonNumber("id").longValue()).containsExactly(later);

    JsonObject overdueList = json(get(AGENT, "/crm/api/follow-ups/overdue?assignee=" + assignee));
    assertThat(overdueList.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(f -> f.getJsonNumber("id").longValue()).containsExactly(overdue);
    assertThat(overdueList.getJsonArray("items").getJsonObject(0).getBoolean("overdue")).isTrue();

    assertProblem(postJson(AGENT, "/crm/api/follow-ups", "{\"customerId\":%d,\"title\":\" \",\"dueAt\":\"%s\"}"
        .formatted(customer, now)), 400, "invalid-input");
    assertProblem(sendJson(AGENT, "PATCH", "/crm/api/follow-ups/" + soon, "{\"priority\":\"URGENT\"}", "\"999\""),
        412, "precondition-failed");
    assertThat(json(sendJson(AGENT, "PATCH", "/crm/api/follow-ups/" + soon, "{\"priority\":\"URGENT\"}", null))
        .getString("priority")).isEqualTo("URGENT");
  }

  @Test
  void aCustomerWaitingTooLongGetsOneFollowUp() {
    long customer = customer();
    Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    long conversation = json(postJson(INTEGRATION, "/crm/api/interactions", """
        {"customerId":%d,"channel":"EMAIL","type":"COMPLAINT","direction":"INBOUND","occurredAt":"%s",
         "sourceSystem":"desk","sourceEventId":"w1-%s"}""".formatted(customer, twoDaysAgo, run)))
        .getJsonObject("interaction").getJsonNumber("conversationId").longValue();

    HttpResponse<String> rules = postJson(ADMIN, "/crm/api/follow-ups/rules/run", "");
    assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
    assertThat(json(rules).getInt("waitingConversations")).isGreaterThanOrEqualTo(1);
    postJson(ADMIN, "/crm/api/follow-ups/rules/run", "");

    JsonObject list = json(get(AGENT, "/crm/api/follow-ups?customerId=" + customer));
    assertThat(list.getJsonArray("items")).hasSize(1);
    JsonObject followUp = list.getJsonArray("items").getJsonObject(0);
    assertThat(followUp.getString("reason")).isEqualTo("CONVERSATION_WAITING");
    assertThat(followUp.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
  }

  private long create(long customer, String title, Instant due, String assignee) {
    HttpResponse<String> response = postJson(AGENT, "/crm/api/follow-ups",
        "{\"customerId\":%d,\"title\":\"%s\",\"dueAt\":\"%s\",\"assignee\":\"%s\"}"
            .formatted(customer, title, due, assignee));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).getJsonNumber("id").longValue();
  }

  private String feedback(long customer, String kind, int score, Long interaction, String event) {
    return """
        {"customerId":%d,"kind":"%s","score":%d,"comment":"Took too long","receivedAt":"2026-06-02T10:00:00Z",
         %s"sourceSystem":"survey","sourceEventId":"%s-%s"}"""
        .formatted(customer, kind, score, interaction == null ? "" : "\"interactionId\":" + interaction + ",", event,
            run);
  }

  private long customer() {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers",
        "{\"email\":\"f%s.%s@example.com\"}".formatted(UUID.randomUUID().toString().substring(0, 6), run));
    return json(response).getJsonNumber("id").longValue();
  }
}

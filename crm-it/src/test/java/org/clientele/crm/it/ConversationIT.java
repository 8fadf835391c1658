package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.sendJson;

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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Conversations that keep their context across channels, their service times, steering and agent context. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConversationIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void aSocialInquiryContinuesByEmailAndChatInOneConversation() {
    long customer = customer();
    // 09:00 the customer asks on social media
    JsonObject social = record(touch(customer, "SOCIAL", "INQUIRY", "INBOUND", "2026-03-02T09:00:00Z", "s1",
        "\"reference\":\"tw-thread-%s\"".formatted(run)));
    long conversation = social.getJsonNumber("conversationId").longValue();
    // 11:00 an agent answers by email (two hours: the first response)
    JsonObject answer = record(touch(customer, "EMAIL", "MESSAGE", "OUTBOUND", "2026-03-02T11:00:00Z", "e1",
        "\"reference\":\"<m1.%s@shop.example>\",\"agent\":\"alice\"".formatted(run)));
    // a campaign mail is a touchpoint, not part of the matter
    JsonObject campaign = record(touch(customer, "EMAIL", "CAMPAIGN_SENT", "OUTBOUND", "2026-03-02T12:00:00Z", "c1",
        null));
    // next day the customer replies to the agent's mail: threaded by In-Reply-To
    JsonObject reply = record(touch(customer, "EMAIL", "MESSAGE", "INBOUND", "2026-03-03T08:00:00Z", "e2",
        "\"inReplyTo\":[\"<m1.%s@shop.example>\"]".formatted(run)));
    // and an hour later opens the chat: continued as the customer's open matter
    JsonObject chat = record(touch(customer, "CHAT", "MESSAGE", "INBOUND", "2026-03-03T09:00:00Z", "ch1", null));

    assertThat(answer.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
    assertThat(campaign.containsKey("conversationId")).as("null fields are omitted").isFalse();
    assertThat(reply.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
    assertThat(chat.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);

    JsonObject c = json(get(AGENT, "/crm/api/conversations/" + conversation));
    assertThat(c.getString("status")).isEqualTo("OPEN");
    assertThat(c.getJsonArray("channels").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString).containsExactly("SOCIAL", "EMAIL", "CHAT");
    assertThat(c.getInt("interactionCount")).isEqualTo(4);
    assertThat(c.getJsonNumber("firstResponseSeconds").longValue()).isEqualTo(7200);
    assertThat(c.getString("waitingSince")).isEqualTo("2026-03-03T08:00:00Z");

    JsonObject context = json(get(AGENT, "/crm/api/conversations/" + conversation + "/context?history=10"));
    assertThat(context.getJsonArray("thread").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("channel")).containsExactly("SOCIAL", "EMAIL", "EMAIL", "CHAT");
    assertThat(context.getJsonArray("recentHistory").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("type"))
        .containsExactly("MESSAGE", "MESSAGE", "CAMPAIGN_SENT", "MESSAGE", "INQUIRY");
    assertThat(context.getJsonObject("customer").getJsonNumber("id").longValue()).isEqualTo(customer);
    assertThat(context.getBoolean("threadTruncated")).isFalse();
  }

  @Test
  void assignmentResolutionAndReopening() {
    long customer = customer();
    long conversation = record(touch(customer, "EMAIL", "COMPLAINT", "INBOUND", "2026-03-10T10:00:00Z", "a1",
        "\"reference\":\"<c1.%s@customer.example>\"".formatted(run))).getJsonNumber("conversationId").longValue();
    String path = "/crm/api/conversations/" + conversation;

    assertProblem(sendJson(AGENT, "PUT", path + "/assignment", "{\"agent\":\"bob\"}", "\"999\""), 412,
        "precondition-failed");
    HttpResponse<String> assigned = sendJson(AGENT, "PUT", path + "/assignment",
        "{\"agent\":\"bob\",\"team\":\"complaints\"}", null);
    assertThat(assigned.statusCode()).isEqualTo(200);
    assertThat(json(assigned).getString("assignedTeam")).isEqualTo("complaints");
    String etag = assigned.headers().firstValue("ETag").orElseThrow();

    assertProblem(sendJson(AGENT, "PUT", path + "/status", "{\"status\":\"RESOLVED\",\"at\":\"2026-03-09T00:00:00Z\"}",
        null), 400, "invalid-input");
    JsonObject resolved = json(sendJson(AGENT, "PUT", path + "/status",
        "{\"status\":\"RESOLVED\",\"at\":\"2026-03-12T10:00:00Z\"}", etag));
    assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
    assertThat(resolved.getJsonNumber("resolutionSeconds").longValue()).isEqualTo(2 * 86400);
    assertThat(resolved.containsKey("waitingSince")).isFalse();

    // the customer answers the old thread: the matter is open again
    JsonObject again = record(touch(customer, "EMAIL", "MESSAGE", "INBOUND", "2026-03-13T10:00:00Z", "a2",
        "\"inReplyTo\":[\"<c1.%s@customer.example>\"]".formatted(run)));
    assertThat(again.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
    JsonObject reopened = json(get(AGENT, path));
    assertThat(reopened.getString("status")).isEqualTo("OPEN");
    assertThat(reopened.getInt("reopenCount")).isEqualTo(1);

    assertThat(jsonArray(get(AGENT, "/crm/api/conversations?agent=bob&status=OPEN")).getValuesAs(JsonObject.class))
        .extracting(o -> o.getJsonNumber("id").longValue()).contains(conversation);
    assertProblem(get(AGENT, "/crm/api/conversations?status=SNOOZED"), 400, "invalid-input");
  }

  @Test
  void threadsNeverCrossCustomersAndBadReferencesGetSpecificProblems() {
    long alice = customer();
    long bob = customer();
    long aliceConversation = record(touch(alice, "EMAIL", "INQUIRY", "INBOUND", "2026-03-20T10:00:00Z", "x1",
        "\"reference\":\"<x1.%s@mail.example>\"".formatted(run))).getJsonNumber("conversationId").longValue();
    // Bob forwards Alice's mail: the reference is Alice's thread, but Bob's message opens his own matter
    long bobConversation = record(touch(bob, "EMAIL", "INQUIRY", "INBOUND", "2026-03-20T11:00:00Z", "x2",
        "\"inReplyTo\":[\"<x1.%s@mail.example>\"]".formatted(run))).getJsonNumber("conversationId").longValue();
    assertThat(bobConversation).isNotEqualTo(aliceConversation);

    JsonObject foreign = assertProblem(postJson(AGENT, "/crm/api/interactions",
        touch(bob, "CHAT", "MESSAGE", "INBOUND", "2026-03-20T12:00:00Z", "x3",
            "\"conversationId\":" + aliceConversation)), 400, "invalid-input");
    assertThat(foreign.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("conversationId");
    assertProblem(postJson(AGENT, "/crm/api/interactions",
        touch(bob, "CHAT", "MESSAGE", "INBOUND", "2026-03-20T12:00:00Z", "x4", "\"conversationId\":987654321")),
        404, "not-found");
    assertProblem(get(AGENT, "/crm/api/conversations/987654321"), 404, "not-found");
    assertProblem(get(AGENT, "/crm/api/conversations/" + aliceConversation + "/context?history=0"), 400,
        "invalid-input");
    // nothing of the refused touchpoints was stored
    assertThat(json(get(AGENT, "/crm/api/customers/" + bob + "/timeline")).getJsonArray("items")).hasSize(1);
  }

  @Test
  void concurrentFirstMessagesOfOneCustomerOpenOneConversation() throws Exception {
    long customer = customer();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    Set<Long> conversations = new HashSet<>();
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String body = touch(customer, i % 2 == 0 ? "CHAT" : "SOCIAL", "INQUIRY", "INBOUND",
            "2026-03-25T10:00:0%dZ".formatted(i), "k" + i, null);
        calls.add(() -> postJson(INTEGRATION, "/crm/api/interactions", body));
      }
      for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
        HttpResponse<String> response = result.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        conversations.add(json(response).getJsonObject("interaction").getJsonNumber("conversationId").longValue());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(conversations).hasSize(1);
    assertThat(json(get(AGENT, "/crm/api/conversations/" + conversations.iterator().next())).getInt("interactionCount"))
        .isEqualTo(6);
  }

  @Test
  void concurrentBatchesTouchingTheSameCustomersInOppositeOrderBothSucceed() throws Exception {
    long a = customer();
    long b = customer();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        long first = i % 2 == 0 ? a : b;
        long second = i % 2 == 0 ? b : a;
        String batch = "[" + touch(first, "CHAT", "INQUIRY", "INBOUND", "2026-03-28T10:00:0%dZ".formatted(i), "xa" + i,
            null) + "," + touch(second, "EMAIL", "INQUIRY", "INBOUND", "2026-03-28T10:01:0%dZ".formatted(i), "xb" + i,
            null) + "]";
        calls.add(() -> postJson(INTEGRATION, "/crm/api/interactions/batch", batch));
      }
      for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
        HttpResponse<String> response = result.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    for (long customer : new long[] {a, b}) {
      List<JsonObject> open = jsonArray(get(AGENT, "/crm/api/conversations?customerId=" + customer))
          .getValuesAs(JsonObject.class);
      assertThat(open).hasSize(1);
      assertThat(open.get(0).getInt("interactionCount")).isEqualTo(8);
    }
  }

  @Test
  void mergingCustomersMovesTheirConversations() {
    long survivor = customer();
    long merged = customer();
    long c1 = record(touch(survivor, "EMAIL", "INQUIRY", "INBOUND", "2026-04-01T10:00:00Z", "m1", null))
        .getJsonNumber("conversationId").longValue();
    long c2 = record(touch(merged, "PHONE", "COMPLAINT", "INBOUND", "2026-04-02T10:00:00Z", "m2", null))
        .getJsonNumber("conversationId").longValue();
    HttpResponse<String> merge = postJson(ADMIN, "/crm/api/customer-merges",
        "{\"survivorId\":%d,\"mergedIds\":[%d]}".formatted(survivor, merged));
    assertThat(merge.statusCode()).as(merge.body()).isEqualTo(201);
    assertThat(jsonArray(get(AGENT, "/crm/api/conversations?customerId=" + survivor)).getValuesAs(JsonObject.class))
        .extracting(o -> o.getJsonNumber("id").longValue()).containsExactlyInAnyOrder(c1, c2);
    assertThat(json(get(AGENT, "/crm/api/conversations/" + c2)).getJsonNumber("customerId").longValue())
        .isEqualTo(survivor);
  }

  private JsonObject record(String body) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/interactions", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).getJsonObject("interaction");
  }

  private long customer() {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers",
        "{\"email\":\"c%s.%s@example.com\"}".formatted(UUID.randomUUID().toString().substring(0, 6), run));
    return json(response).getJsonNumber("id").longValue();
  }

  private String touch(long customer, String channel, String type, String direction, String at, String event,
      String extra) {
    return """
        {"customerId":%d,"channel":"%s","type":"%s","direction":"%s","occurredAt":"%s","subject":"Order question",
         "sourceSystem":"desk","sourceEventId":"%s-%s"%s}"""
        .formatted(customer, channel, type, direction, at, event, run, extra == null ? "" : "," + extra);
  }
}

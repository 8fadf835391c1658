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
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
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

/** Recording touchpoints once per source event, and the customer timeline. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InteractionIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void theSameSourceEventRecordedConcurrentlyIsStoredOnce() throws Exception {
    long customer = customer();
    String body = interaction(customer, "EMAIL", "INQUIRY", "2026-04-01T10:00:00Z", "evt-" + run);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Integer> statuses = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> postJson(INTEGRATION, "/crm/api/interactions", body));
      }
      for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
        HttpResponse<String> response = result.get();
        statuses.add(response.statusCode());
        ids.add(json(response).getJsonObject("interaction").getJsonNumber("id").longValue());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 200).hasSize(7);
    assertThat(ids).hasSize(1);
    assertThat(json(get(AGENT, "/crm/api/customers/" + customer + "/timeline")).getJsonArray("items")).hasSize(1);
  }

  @Test
  void batchRecordsEachSourceEventOnce() {
    long customer = customer();
    String batch = "[" + interaction(customer, "CHAT", "MESSAGE", "2026-04-01T10:00:00Z", "b1-" + run) + ","
        + interaction(customer, "CHAT", "MESSAGE", "2026-04-01T10:01:00Z", "b2-" + run) + ","
        + interaction(customer, "CHAT", "MESSAGE", "2026-04-01T10:00:00Z", "b1-" + run) + "]";

    List<JsonObject> first = jsonArray(postJson(INTEGRATION, "/crm/api/interactions/batch", batch))
        .getValuesAs(JsonObject.class);
    assertThat(first).extracting(r -> r.getBoolean("created")).containsExactly(true, true, false);
    assertThat(first.get(2).getJsonObject("interaction").getJsonNumber("id"))
        .isEqualTo(first.get(0).getJsonObject("interaction").getJsonNumber("id"));

    List<JsonObject> again = jsonArray(postJson(INTEGRATION, "/crm/api/interactions/batch", batch))
        .getValuesAs(JsonObject.class);
    assertThat(again).extracting(r -> r.getBoolean("created")).containsExactly(false, false, false);
    assertThat(json(get(AGENT, "/crm/api/customers/" + customer + "/timeline")).getJsonArray("items")).hasSize(2);
  }

  /** A bulk load that needs no results asks for none (RFC 7240 {@code Prefer}); the batch is recorded the same. */
  @Test
  void aBatchPreferringAMinimalReturnGets204AndIsRecordedAllTheSame() {
    long customer = customer();
    String batch = "[" + interaction(customer, "EMAIL", "MESSAGE", "2026-04-02T10:00:00Z", "m1-" + run) + ","
        + interaction(customer, "CHAT", "MESSAGE", "2026-04-02T10:01:00Z", "m2-" + run) + "]";
    HttpResponse<String> minimal = send(requestAs(INTEGRATION, "/crm/api/interactions/batch")
        .header("Content-Type", "application/json").header("Prefer", "return=minimal")
        .POST(HttpRequest.BodyPublishers.ofString(batch)));

    assertThat(minimal.statusCode()).as(minimal.body()).isEqualTo(204);
    assertThat(minimal.headers().firstValue("Preference-Applied")).hasValue("return=minimal");
    assertThat(minimal.body()).isEmpty();
    List<JsonObject> again = jsonArray(postJson(INTEGRATION, "/crm/api/interactions/batch", batch))
        .getValuesAs(JsonObject.class);
    assertThat(again).extracting(r -> r.getBoolean("created")).containsExactly(false, false);
    assertThat(again.get(1).getJsonObject("interaction").getString("channel")).isEqualTo("CHAT");
  }

  /** A batch resolves each customer id as a single recording does: a merged id to its survivor, an unknown one not. */
  @Test
  void aBatchRecordsAMergedCustomersTouchpointsOnTheSurvivorAndRefusesAnUnknownCustomer() {
    long survivor = customer();
    long merged = customer();
    HttpResponse<String> merge = postJson(ADMIN, "/crm/api/customer-merges",
        "{\"survivorId\":%d,\"mergedIds\":[%d]}".formatted(survivor, merged));
    assertThat(merge.statusCode()).as(merge.body()).isEqualTo(201);

    List<JsonObject> recorded = jsonArray(postJson(INTEGRATION, "/crm/api/interactions/batch", "["
        + interaction(merged, "EMAIL", "INQUIRY", "2026-04-03T10:00:00Z", "mb1-" + run) + ","
        + interaction(survivor, "PHONE", "INQUIRY", "2026-04-03T11:00:00Z", "mb2-" + run) + "]"))
        .getValuesAs(JsonObject.class);
    assertThat(recorded).extracting(r -> r.getJsonObject("interaction").getJsonNumber("customerId").longValue())
        .containsExactly(survivor, survivor);

    HttpResponse<String> unknown = postJson(INTEGRATION, "/crm/api/interactions/batch", "["
        + interaction(survivor, "EMAIL", "INQUIRY", "2026-04-04T10:00:00Z", "mb3-" + run) + ","
        + interaction(Long.MAX_VALUE - 7, "EMAIL", "INQUIRY", "2026-04-04T11:00:00Z", "mb4-" + run) + "]");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.body()).contains(String.valueOf(Long.MAX_VALUE - 7));
    assertThat(json(get(AGENT, "/crm/api/customers/" + survivor + "/timeline")).getJsonArray("items"))
        .as("all or nothing: the known customer's touchpoint of the refused batch is not stored").hasSize(2);
  }

  @Test
  void timelineIsNewestFirstFilteredAndKeysetPaged() {
    long customer = customer();
    String[] channels = {"SOCIAL", "EMAIL", "CHAT", "EMAIL", "PHONE", "EMAIL", "CHAT"};
    for (int i = 0; i < channels.length; i++) {
      postJson(AGENT, "/crm/api/interactions",
          interaction(customer, channels[i], "INQUIRY", "2026-05-0%dT09:00:00Z".formatted(i + 1), "t" + i + "-" + run));
    }
    String timeline = "/crm/api/customers/" + customer + "/timeline";

    JsonObject page1 = json(get(AGENT, timeline + "?limit=3"));
    assertThat(page1.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("sourceEventId")).containsExactly("t6-" + run, "t5-" + run, "t4-" + run);
    JsonObject page2 = json(get(AGENT, timeline + "?limit=3&after=" + page1.getString("nextCursor")));
    assertThat(page2.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("sourceEventId")).containsExactly("t3-" + run, "t2-" + run, "t1-" + run);
    JsonObject page3 = json(get(AGENT, timeline + "?limit=3&after=" + page2.getString("nextCursor")));
    assertThat(page3.getJsonArray("items")).hasSize(1);
    assertThat(page3.containsKey("nextCursor")).isFalse();

    JsonObject emails = json(get(AGENT, timeline + "?channel=email&from=2026-05-03T00:00:00Z&to=2026-05-06T12:00:00Z"));
    assertThat(emails.getJsonArray("items").getValuesAs(JsonObject.class))
        .extracting(i -> i.getString("sourceEventId")).containsExactly("t5-" + run, "t3-" + run);

    assertProblem(get(AGENT, timeline + "?after=not-a-cursor"), 400, "invalid-input");
    assertProblem(get(AGENT, timeline + "?channel=PIGEON"), 400, "invalid-input");
  }

  @Test
  void badInteractionsGetSpecificProblems() {
    long customer = customer();
    JsonObject missing = assertProblem(postJson(AGENT, "/crm/api/interactions",
        "{\"customerId\":%d,\"type\":\"NOTE\",\"direction\":\"INTERNAL\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
            .formatted(customer) + "\"sourceSystem\":\"desk\",\"sourceEventId\":\"x-" + run + "\"}"), 400, "invalid-input");
    assertThat(missing.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("channel");

    assertProblem(postJson(AGENT, "/crm/api/interactions",
        interaction(987654321L, "EMAIL", "NOTE", "2026-01-01T00:00:00Z", "y-" + run)), 404, "not-found");
    assertProblem(postJson(AGENT, "/crm/api/interactions",
        interaction(customer, "CARRIER_PIGEON", "NOTE", "2026-01-01T00:00:00Z", "z-" + run)), 400, "malformed-request");
  }

  private long customer() {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers",
        "{\"email\":\"i%s.%s@example.com\"}".formatted(UUID.randomUUID().toString().substring(0, 6), run));
    return json(response).getJsonNumber("id").longValue();
  }

  static String interaction(long customer, String channel, String type, String at, String eventId) {
    return """
        {"customerId":%d,"channel":"%s","type":"%s","direction":"INBOUND","occurredAt":"%s","subject":"Question",
         "summary":"Where is my order?","attributes":{"orderRef":"A-1"},"sourceSystem":"desk","sourceEventId":"%s"}"""
        .formatted(customer, channel, type, at, eventId);
  }
}

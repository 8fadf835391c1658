package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.counter;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;
import static org.clientele.crm.it.support.TestServer.sendJson;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.clientele.crm.it.support.Deployments;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segment membership as history and events: every entry and exit is recorded once and announced once
 * ({@code crm_segment_events_total}), incremental updates follow profile changes and purchases, and merges and
 * erasures keep memberships consistent. Checked against the membership table itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SegmentMembershipIT {

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @Test
  void everyEntryAndExitIsRecordedAndAnnouncedExactlyOnce() throws Exception {
    String tag = "ev" + run;
    List<Long> customers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      customers.add(customer("ev" + i, tag, i < 3 ? "DE" : "FR"));
    }
    String key = "events-" + run;
    HttpResponse<String> defined = postJson(ADMIN, "/crm/api/segments", """
        {"key":"%s","name":"Tagged Germans","kind":"DYNAMIC",
         "rule":{"all":[{"field":"tags","op":"contains","value":"%s"},{"field":"country","op":"eq","value":"DE"}]}}"""
        .formatted(key, tag));
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    assertThat(json(defined).getJsonNumber("memberCount").longValue()).isEqualTo(3);
    assertThat(members(key)).containsExactlyElementsOf(customers.subList(0, 3));
    assertThat(entered(key)).isEqualTo(3);

    // a profile change moves a member out, incrementally and without a recompute
    patch(customers.get(0), "{\"address\":{\"country\":\"FR\"}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> exited(key) == 1);
    assertThat(members(key)).containsExactlyElementsOf(customers.subList(1, 3));

    // a new rule: everyone tagged, so three enter (one of them again)
    HttpResponse<String> changed = sendJson(ADMIN, "PUT", "/crm/api/segments/" + key, """
        {"name":"Tagged","rule":{"field":"tags","op":"contains","value":"%s"}}""".formatted(tag), null);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(members(key)).containsExactlyElementsOf(customers);

    // recomputing without changes records and announces nothing
    HttpResponse<String> again = postJson(ADMIN, "/crm/api/segments/" + key + "/evaluation", "");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(json(again).getJsonNumber("entered").longValue()).isZero();

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(entered(key)).isEqualTo(6).isEqualTo(periods(key, false));
      assertThat(exited(key)).isEqualTo(1).isEqualTo(periods(key, true));
    });
    // the one who left and came back has two periods in their history
    HttpResponse<String> history = get(AGENT, "/crm/api/customers/" + customers.get(0) + "/segments?history=true");
    assertThat(array(history.body()).stream().filter(m -> m.getString("segmentKey").equals(key)).toList()).hasSize(2);
  }

  @Test
  void aPurchaseBringsTheCustomerInWithinSeconds() throws Exception {
    String tag = "buy" + run;
    long customer = customer("buy", tag, "DE");
    String key = "buyers-" + run;
    assertThat(postJson(ADMIN, "/crm/api/segments", """
        {"key":"%s","name":"Recent buyers","kind":"DYNAMIC",
         "rule":{"all":[{"field":"tags","op":"contains","value":"%s"},
           {"behaviour":{"of":"purchases","measure":"count","withinLastDays":30,"op":"gte","value":1}}]}}"""
        .formatted(key, tag)).statusCode()).isEqualTo(201);
    assertThat(members(key)).isEmpty();

    Instant placed = Instant.now().minusSeconds(60);
    HttpResponse<String> purchase = postJson(INTEGRATION, "/crm/api/purchases", """
        {"customerId":%d,"sourceSystem":"shop","orderId":"seg-%s","status":"PAID","currency":"EUR",
         "placedAt":"%s","sourceUpdatedAt":"%s","lines":[{"sku":"S1","name":"Mug","quantity":1,"unitPrice":10}]}"""
        .formatted(customer, run, placed, placed));
    assertThat(purchase.statusCode()).as(purchase.body()).isIn(200, 201);
    long sent = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> members(key).contains(customer));
    System.out.printf("Incremental membership visible %d ms after the purchase was recorded%n",
        (System.nanoTime() - sent) / 1_000_000);
  }

  @Test
  void mergesAndErasuresKeepMembershipsConsistent() throws Exception {
    String tag = "mg" + run;
    long survivor = customer("mg-a", tag, "DE");
    long merged = customer("mg-b", tag, "DE");
    String dynamic = "merge-dyn-" + run;
    String list = "merge-static-" + run;
    assertThat(postJson(ADMIN, "/crm/api/segments", """
        {"key":"%s","name":"Tagged","kind":"DYNAMIC","rule":{"field":"tags","op":"contains","value":"%s"}}"""
        .formatted(dynamic, tag)).statusCode()).isEqualTo(201);
    assertThat(postJson(ADMIN, "/crm/api/segments", """
        {"key":"%s","name":"Hand list","kind":"STATIC"}""".formatted(list)).statusCode()).isEqualTo(201);
    HttpResponse<String> added = postJson(ADMIN, "/crm/api/segments/" + list + "/members",
        "{\"customerIds\":[%d]}".formatted(merged));
    assertThat(added.statusCode()).as(added.body()).isIn(200, 201);
    assertThat(members(dynamic)).containsExactly(survivor, merged);
    assertThat(members(list)).containsExactly(merged);

    HttpResponse<String> merge = postJson(ADMIN, "/crm/api/customer-merges",
        "{\"survivorId\":%d,\"mergedIds\":[%d]}".formatted(survivor, merged));
    assertThat(merge.statusCode()).as(merge.body()).isEqualTo(201);
    // the merged customer left both; the survivor took its place in the hand-kept list
    assertThat(members(dynamic)).containsExactly(survivor);
    assertThat(members(list)).containsExactly(survivor);
    await().atMost(Duration.ofSeconds(5)).until(() -> exited(dynamic) == 1 && exited(list) == 1);

    // the 360° view lists the survivor's current segments; the merged id answers for the survivor
    JsonObject overview = json(get(AGENT, "/crm/api/customers/" + merged + "/overview"));
    assertThat(overview.getJsonArray("segments").getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("segmentKey")).containsExactlyInAnyOrder(dynamic, list);

    HttpResponse<String> erased = postJson(ADMIN, "/crm/api/customers/" + survivor + "/erasure",
        "{\"reason\":\"segment erasure test\"}");
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    assertThat(members(dynamic)).isEmpty();
    assertThat(members(list)).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM crm_segment_member WHERE customer_id = ?", survivor)).isZero();
    for (String key : List.of(dynamic, list)) {
      JsonObject segment = json(get(AGENT, "/crm/api/segments/" + key));
      assertThat(segment.getJsonNumber("memberCount").longValue()).as(key).isZero();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> exited(dynamic) == 2 && exited(list) == 2);
  }

  // ---- helpers

  private long customer(String name, String tag, String country) {
    HttpResponse<String> response = postJson(INTEGRATION, "/crm/api/customers", """
        {"email":"%s.%s@example.com","tags":["%s"],"address":{"country":"%s"}}""".formatted(name, run, tag, country));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return json(response).getJsonNumber("id").longValue();
  }

  private void patch(long customer, String mergePatch) {
    String path = "/crm/api/customers/" + customer;
    String etag = get(AGENT, path).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> patched = send(requestAs(AGENT, path)
        .header("Content-Type", "application/merge-patch+json").header("If-Match", etag)
        .method("PATCH", HttpRequest.BodyPublishers.ofString(mergePatch)));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
  }

  /** Current members, read from the table. */
  private static List<Long> members(String key) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = TestDatabase.connect();
        PreparedStatement s = c.prepareStatement("SELECT m.customer_id FROM crm_segment_member m JOIN crm_segment g"
            + " ON g.id = m.segment_id WHERE g.segment_key = ? AND m.left_at IS NULL ORDER BY m.customer_id")) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Membership periods of the segment; only the closed ones with {@code closed}. */
  private static long periods(String key, boolean closed) throws SQLException {
    try (Connection c = TestDatabase.connect();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM crm_segment_member m JOIN crm_segment g"
            + " ON g.id = m.segment_id WHERE g.segment_key = ?" + (closed ? " AND m.left_at IS NOT NULL" : ""))) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static long count(String sql, long id) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static long entered(String key) {
    return events("entered", key);
  }

  private static long exited(String key) {
    return events("exited", key);
  }

  /** {@code crm_segment_events_total} of one segment and direction. */
  private static long events(String event, String key) {
    return (long) counter("crm_segment_events_total", "event=\"" + event + "\"", "segment=\"" + key + "\"");
  }

  private static List<JsonObject> array(String body) {
    return jakarta.json.Json.createReader(new java.io.StringReader(body)).readArray()
        .getValuesAs(JsonObject.class);
  }
}

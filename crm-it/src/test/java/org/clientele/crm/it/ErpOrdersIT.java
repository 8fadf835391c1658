package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.counter;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.clientele.crm.it.erpjms.ErpQueueServlet;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host ERP's orders, invoices, credit notes and consents over JMS on the embedded messaging engine: applied
 * once, duplicates skipped, an older consent kept out of force, a document of an unknown customer parked and
 * applied once by a replay after its customer master arrived, malformed documents parked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErpOrdersIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String ORDER_MESSAGES = "crm_erp_order_messages_total";
  private static final String CONSENT_MESSAGES = "crm_erp_consent_messages_total";

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(name = "clientele", order = 1, testable = false, managed = false)
  static EnterpriseArchive clientele() {
    return Deployments.clienteleEar();
  }

  /** TEST ONLY: the ERP's sender, next to the EAR. */
  @Deployment(name = "erp-sender", order = 2, testable = false)
  static WebArchive erpSender() {
    return ShrinkWrap.create(WebArchive.class, "erp-sender.war").addPackage(ErpQueueServlet.class.getPackage());
  }

  @Test
  void anOrderIsStoredOnceThenItsInvoicePaysItAndACreditNoteRefundsIt() {
    long customer = registerOverQueue("O-" + run);
    String orderId = "SO-" + run;
    String order = order("o-" + run, "O-" + run, orderId, "PLACED", "2026-11-23T10:05:00Z");
    sendToQueue("orders", order, null);

    JsonObject stored = awaitPurchase(customer, orderId, "PLACED");
    assertThat(stored.getString("sourceSystem")).isEqualTo("ERP");
    assertThat(stored.getString("currency")).isEqualTo("EUR");
    assertThat(stored.getJsonArray("lines")).hasSize(2);
    assertThat(stored.getJsonNumber("total").bigDecimalValue()).isEqualByComparingTo("44.70");

    // the same message again: one effect
    double duplicates = counter(ORDER_MESSAGES, "outcome=\"duplicate\"");
    sendToQueue("orders", order, null);
    await().atMost(PATIENCE).until(() -> counter(ORDER_MESSAGES, "outcome=\"duplicate\"") >= duplicates + 1);
    assertThat(purchases(customer)).hasSize(1);

    // the invoice: a newer version of the order, paid
    sendToQueue("orders", order("i-" + run, "O-" + run, orderId, null, "2026-11-24T08:00:00Z")
        .replace("{", "{\"documentType\":\"invoice\","), null);
    awaitPurchase(customer, orderId, "PAID");

    // a credit note: a refund, once per message
    String creditNote = """
        {"messageId":"cn-%s","documentType":"creditNote","orderId":"%s","creditNoteId":"CN-%s","amount":"10.00",
         "issuedAt":"2026-11-25T09:00:00Z","reason":"damaged"}
        """.formatted(run, orderId, run);
    sendToQueue("orders", creditNote, null);
    sendToQueue("orders", creditNote, null);
    JsonObject refunded = await().atMost(PATIENCE).until(() -> purchase(customer, orderId),
        p -> p.isPresent() && p.get().getJsonArray("refunds").size() == 1).orElseThrow();
    assertThat(refunded.getJsonNumber("refundedTotal").bigDecimalValue()).isEqualByComparingTo("10");
    await().atMost(PATIENCE).until(() -> counter(ORDER_MESSAGES, "outcome=\"duplicate\"") >= duplicates + 2);
    assertThat(purchase(customer, orderId).orElseThrow().getJsonArray("refunds")).hasSize(1);
  }

  @Test
  void aConsentIsRecordedWithSourceErpAndAnOlderOneDoesNotOverrideIt() {
    long customer = registerOverQueue("C-" + run);
    sendToQueue("consents", consent("c-" + run + "-1", "C-" + run, "GRANTED", "2026-11-23T10:00:00Z"), null);
    await().atMost(PATIENCE).until(() -> consents(customer).size() == 1);
    assertThat(consents(customer).get(0).getString("source")).isEqualTo("ERP");
    assertThat(consents(customer).get(0).getString("evidence")).isEqualTo("ERP form 12");

    // decided earlier, arriving later: kept in the history, not in force
    double stale = counter(CONSENT_MESSAGES, "outcome=\"stale\"");
    sendToQueue("consents", consent("c-" + run + "-2", "C-" + run, "WITHDRAWN", "2026-11-01T10:00:00Z"), null);
    await().atMost(PATIENCE).until(() -> consents(customer).size() == 2);
    assertThat(json(get(AGENT, "/crm/api/customers/" + customer + "/contactability?channel=EMAIL&purpose=MARKETING"))
        .getBoolean("allowed")).isTrue();
    await().atMost(PATIENCE).until(() -> counter(CONSENT_MESSAGES, "outcome=\"stale\"") >= stale + 1);
  }

  @Test
  void anOrderOfAnUnknownCustomerIsParkedThenAppliedOnceByAReplayAfterTheCustomerArrived() {
    String erpId = "U-" + run;
    String messageId = "u-" + run;
    String order = order(messageId, erpId, "SU-" + run, "PLACED", "2026-11-23T10:05:00Z");
    sendToQueue(order, "?queue=orders&correlationId=erp-corr-" + run);

    JsonObject letter = awaitDeadLetter(messageId);
    assertThat(letter.getString("correlationId")).isEqualTo("erp-corr-" + run);
    assertThat(letter.getString("reasonType")).isEqualTo("unknown-customer");
    assertThat(letter.getString("routeId")).isEqualTo("erp-orders-in");
    assertThat(letter.getString("messageType")).isEqualTo("order");
    assertThat(letter.getInt("attempts")).isEqualTo(4); // the first and 3 redeliveries

    long customer = registerOverQueue(erpId);
    assertThat(purchases(customer)).isEmpty();
    HttpResponse<String> replayed = send(requestAs(ADMIN, "/crm/api/dead-letters/" + letter.getJsonNumber("id")
        + "/replay").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(json(replayed).getString("status")).isEqualTo("REPLAYED");
    assertThat(purchases(customer)).singleElement()
        .satisfies(p -> assertThat(p.getString("orderId")).isEqualTo("SU-" + run));

    // the ERP sends it again: applied before, skipped
    double duplicates = counter(ORDER_MESSAGES, "outcome=\"duplicate\"");
    sendToQueue("orders", order, null);
    await().atMost(PATIENCE).until(() -> counter(ORDER_MESSAGES, "outcome=\"duplicate\"") >= duplicates + 1);
    assertThat(purchases(customer)).hasSize(1);
  }

  @Test
  void malformedAndUnmappableDocumentsAreParkedAndTheRoutesGoOn() {
    String malformedId = "x-" + run;
    sendToQueue("orders", "{\"orderId\": \"X\", oops", malformedId);
    JsonObject malformed = awaitDeadLetter(malformedId);
    assertThat(malformed.getString("reasonType")).isEqualTo("malformed-json");
    assertThat(malformed.getString("routeId")).isEqualTo("erp-orders-in");
    assertThat(json(get(ADMIN, "/crm/api/dead-letters/" + malformed.getJsonNumber("id"))).getString("payload"))
        .contains("oops");

    String unmappableId = "y-" + run;
    sendToQueue("consents", consent(unmappableId, "Y-" + run, "MAYBE", "2026-11-23T10:00:00Z"), null);
    JsonObject unmappable = awaitDeadLetter(unmappableId);
    assertThat(unmappable.getString("reasonType")).isEqualTo("unmappable");
    assertThat(unmappable.getString("routeId")).isEqualTo("erp-consents-in");
    assertThat(unmappable.getString("messageType")).isEqualTo("consent");
    assertThat(unmappable.getString("reason")).contains("status");

    long customer = registerOverQueue("G-" + run);
    sendToQueue("orders", order("g-" + run, "G-" + run, "SG-" + run, "PLACED", "2026-11-23T10:05:00Z"), null);
    awaitPurchase(customer, "SG-" + run, "PLACED");
  }

  @Test
  void ordersAndConsentsDroppedAsFilesGoThroughTheSameApplyRoutes() throws IOException {
    long customer = registerOverQueue("D-" + run);
    // JSON lines without keys: the file drop keys each record by the file's hash and the record number
    drop("orders-" + run + ".jsonl", order("unused", "D-" + run, "SD-" + run, "PLACED", "2026-11-23T10:05:00Z")
        .replace("\"messageId\":\"unused\",", "").replace("\n", "") + "\n");
    drop("consents-" + run + ".csv", "erpCustomerId,channel,purpose,status,decidedAt\n"
        + "D-" + run + ",SMS,SERVICE,GRANTED,2026-11-23T10:00:00Z\n");

    assertThat(awaitPurchase(customer, "SD-" + run, "PLACED").getJsonArray("lines")).hasSize(2);
    await().atMost(PATIENCE).until(() -> consents(customer).size() == 1);
    assertThat(consents(customer).get(0).getString("channel")).isEqualTo("SMS");
  }

  @Test
  void theRoutesAreListed() {
    assertThat(get(INTEGRATION, "/crm/api/integration/routes").body())
        .contains("erp-orders-in", "erp-orders-apply", "erp-consents-in", "erp-consents-apply");
  }

  private static String order(String messageId, String erpId, String orderId, String status, String updatedAt) {
    return """
        {"messageId":"%s","erpCustomerId":"%s","orderId":"%s",%s"currency":"EUR",
         "placedAt":"2026-11-23T10:00:00Z","updatedAt":"%s",
         "lines":[{"sku":"A-1","name":"Teapot","category":"kitchen","quantity":2,"unitPrice":"19.90"},
                  {"sku":"B-2","quantity":1,"unitPrice":5,"discount":"0.50"}],
         "discountTotal":0,"shippingTotal":"0.40","taxTotal":0}
        """.formatted(messageId, erpId, orderId, status == null ? "" : "\"status\":\"" + status + "\",", updatedAt);
  }

  private static String consent(String messageId, String erpId, String status, String decidedAt) {
    return """
        {"messageId":"%s","erpCustomerId":"%s","channel":"EMAIL","purpose":"MARKETING","status":"%s",
         "decidedAt":"%s","evidence":"ERP form 12"}
        """.formatted(messageId, erpId, status, decidedAt);
  }

  /** Writes into the file drop like a well-behaved ERP: under a temporary name, then an atomic rename. */
  private static void drop(String name, String text) throws IOException {
    Path drop = Path.of(System.getProperty("it.erp.drop.dir"));
    Path temporary = drop.resolve(name + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, drop.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The ERP's own way: a customer master on the customers queue. */
  private long registerOverQueue(String erpId) {
    sendToQueue("customers", """
        {"messageId":"cm-%s","erpCustomerId":"%s","givenName":"Ada","familyName":"Lovelace",
         "email":"%s@example.com"}
        """.formatted(erpId, erpId, erpId.toLowerCase()), null);
    return await().atMost(PATIENCE).until(() -> customer(erpId), Optional::isPresent).orElseThrow()
        .getJsonNumber("id").longValue();
  }

  private static void sendToQueue(String queue, String body, String messageIdProperty) {
    sendToQueue(body, "?queue=" + queue + (messageIdProperty == null ? ""
        : "&messageId=" + URLEncoder.encode(messageIdProperty, StandardCharsets.UTF_8)));
  }

  private static void sendToQueue(String body, String query) {
    HttpResponse<String> sent = send(request("/erp-sender/send" + query)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
  }

  private static Optional<JsonObject> customer(String erpId) {
    HttpResponse<String> found = get(AGENT, "/crm/api/customers/lookup?system=ERP&externalId=" + erpId);
    return found.statusCode() == 200 ? Optional.of(json(found)) : Optional.empty();
  }

  private static List<JsonObject> purchases(long customer) {
    HttpResponse<String> page = get(AGENT, "/crm/api/purchases?customerId=" + customer);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return json(page).getJsonArray("items").getValuesAs(JsonObject.class);
  }

  private static Optional<JsonObject> purchase(long customer, String orderId) {
    return purchases(customer).stream().filter(p -> orderId.equals(p.getString("orderId"))).findFirst();
  }

  private static JsonObject awaitPurchase(long customer, String orderId, String status) {
    return await().atMost(PATIENCE).until(() -> purchase(customer, orderId),
        p -> p.isPresent() && status.equals(p.get().getString("status"))).orElseThrow();
  }

  private static List<JsonObject> consents(long customer) {
    return jsonArray(get(AGENT, "/crm/api/customers/" + customer + "/consents")).getValuesAs(JsonObject.class);
  }

  private static JsonObject awaitDeadLetter(String messageKey) {
    return await().atMost(PATIENCE).until(() -> deadLetter(messageKey), Optional::isPresent).orElseThrow();
  }

  private static Optional<JsonObject> deadLetter(String messageKey) {
    List<JsonObject> items = json(get(INTEGRATION, "/crm/api/dead-letters?system=erp&limit=200"))
        .getJsonArray("items").getValuesAs(JsonObject.class);
    return items.stream().filter(d -> messageKey.equals(d.getString("messageKey", null))).findFirst();
  }
}

package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.clientele.crm.it.crash.CrashProbeServlet;
import org.clientele.crm.it.erpjms.ErpQueueServlet;
import org.clientele.crm.it.shopify.ShopifyAdminPeer;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server killed mid-flight (SIGKILL) and restarted: nothing lost, nothing applied twice.
 *
 * <p>Not an Arquillian test: it controls the test server itself, in its own failsafe executions after the
 * Arquillian ones (which stopped the server). It deploys the EAR and a probe WAR ({@link CrashProbeServlet}) with a
 * configuration drop-in, turns on the ERP outbox relay towards a test queue, sends a burst of ERP customer master
 * records (two per customer), kills the JVM while they are being applied and relayed, starts the server again and
 * checks: every record applied exactly once (one profile per ERP id, the later record last, one ledger entry per
 * message, no dead letters), every outbox message delivered at least once (a duplicate only with the same
 * CrmOutboxMessageId, in order per customer), nothing left in the outbox. Likewise a Shopify backfill killed in the
 * middle of a page resumes from its checkpoint on the restarted server.
 */
class CrashRecoveryIT {

  private static final Logger LOG = Logger.getLogger(CrashRecoveryIT.class.getName());
  private static final int CUSTOMERS = 150;
  private static final int MESSAGES = 2 * CUSTOMERS;
  private static final String DRAIN_QUEUE = "crash.customer-changes";
  private static final Path WLP = Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp"));
  private static final String SERVER = System.getProperty("it.server.name", "clientele-it");
  private static final Path SERVER_DIR = WLP.resolve("usr/servers").resolve(SERVER);
  private static final Path DROP_IN = SERVER_DIR.resolve("configDropins/overrides/crash-recovery.xml");
  private static final Path EAR = SERVER_DIR.resolve("apps/clientele.ear");
  private static final Path PROBE = SERVER_DIR.resolve("apps/crash-probe.war");

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void deployAndStart() throws IOException, InterruptedException {
    Files.createDirectories(DROP_IN.getParent());
    Files.createDirectories(EAR.getParent());
    Files.copy(Path.of(System.getProperty("it.ear")), EAR, StandardCopyOption.REPLACE_EXISTING);
    ShrinkWrap.create(WebArchive.class, "crash-probe.war")
        .addClasses(CrashProbeServlet.class, ErpQueueServlet.class)
        .as(ZipExporter.class).exportTo(PROBE.toFile(), true);
    Files.writeString(DROP_IN, """
        <server>
          <!-- TEST ONLY (CrashRecoveryIT): the queue the ERP outbox relay delivers to, drained by the probe. -->
          <messagingEngine id="defaultME">
            <queue id="%s" maintainStrictOrder="true"/>
          </messagingEngine>
          <enterpriseApplication id="clientele" name="clientele" location="clientele.ear">
            <classloader commonLibraryRef="clienteleApi"/>
          </enterpriseApplication>
          <webApplication id="crashProbe" name="crash-probe" location="crash-probe.war" contextRoot="/crash-probe"/>
        </server>
        """.formatted(DRAIN_QUEUE));
    start();
  }

  @AfterAll
  static void stopAndClean() throws IOException, InterruptedException {
    try {
      server("stop");
    } finally {
      Files.deleteIfExists(DROP_IN);
      Files.deleteIfExists(EAR);
      Files.deleteIfExists(PROBE);
    }
  }

  @Test
  void killedMidFlightAndRestartedNothingIsLostNothingAppliedTwice() throws Exception {
    // the outbox's backlog (the ITs before run without the relay) goes out first, and is not this test's
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> pendingOutbox() == 0);
    drain();
    OffsetDateTime begin = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);

    HttpResponse<String> sent = send(request("/crash-probe/erp?run=" + run + "&customers=" + CUSTOMERS)
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

    // mid-flight: some records applied, the rest still on the queue; the relay busy with the outbox
    // (no database access while the server is down: on H2 this JVM would become the database's owner)
    long appliedBeforeKill = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(this::applied, n -> n >= MESSAGES / 5);
    kill();
    LOG.info(() -> "Killed with about " + appliedBeforeKill + " of " + MESSAGES + " records applied");
    assertThat(appliedBeforeKill).as("killed mid-flight").isLessThan(MESSAGES);

    start();

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> applied() == MESSAGES && pendingOutbox() == 0);

    // inbound: each record applied exactly once, in order per customer, no dead letter
    assertThat(applied()).isEqualTo(MESSAGES);
    Map<String, Long> customerByErpId = customersByErpId();
    assertThat(customerByErpId).hasSize(CUSTOMERS);
    assertThat(customerByErpId.values()).doesNotHaveDuplicates();
    assertThat(givenNames()).as("the later record of each customer applied last").containsOnly("Second")
        .hasSize(CUSTOMERS);
    assertThat(count("SELECT COUNT(*) FROM crm_dead_letter WHERE message_key LIKE ?", "cr-" + run + "-%")).isZero();
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT COUNT(*) FROM crm_dead_letter WHERE system_name = 'erp' AND direction = 'OUTBOUND' AND created_at >= ?")) {
      s.setObject(1, begin);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("outbound dead letters").isZero();
      }
    }

    // outbound: everything delivered at least once, duplicates only as the same message, in order per customer
    Map<String, List<JsonObject>> byCustomer = new HashMap<>();
    for (JsonObject m : drain().getValuesAs(JsonObject.class)) {
      byCustomer.computeIfAbsent(m.getString("key"), k -> new ArrayList<>()).add(m);
    }
    int duplicates = 0;
    for (Map.Entry<String, Long> customer : customerByErpId.entrySet()) {
      List<JsonObject> received = byCustomer.getOrDefault(String.valueOf(customer.getValue()), List.of());
      Map<Long, String> distinct = new LinkedHashMap<>();
      long previous = 0;
      for (JsonObject m : received) {
        long id = Long.parseLong(m.getString("id"));
        assertThat(id).as("in order for %s: %s", customer.getKey(), received).isGreaterThanOrEqualTo(previous);
        previous = id;
        String body = distinct.putIfAbsent(id, m.getString("body"));
        if (body != null) {
          duplicates++;
          assertThat(m.getString("body")).as("a duplicate is the same message").isEqualTo(body);
        }
      }
      assertThat(distinct).as("two changes of %s: %s", customer.getKey(), summary(distinct)).hasSize(2);
      List<String> names = distinct.values().stream()
          .map(b -> Json.createReader(new StringReader(b)).readObject().getJsonObject("customer").getString("givenName"))
          .toList();
      assertThat(names).containsExactly("First", "Second");
    }
    int redelivered = duplicates;
    LOG.info(() -> "After the restart: all " + MESSAGES + " records applied once; outbox delivered, "
        + redelivered + " duplicate deliveries");
  }

  @Test
  void backfillKilledInTheMiddleOfAPageResumesFromItsCheckpointAfterTheRestart() throws Exception {
    String shop = "it-shop-d.myshopify.com"; // the shop with an Admin API token in the executions' environment
    try (ShopifyAdminPeer peer = new ShopifyAdminPeer(Integer.getInteger("it.shopify.port", 9182), "shpat_it_token_d")) {
      List<JsonObject> customers = new ArrayList<>();
      long base = System.nanoTime() % 1_000_000_000L * 1000 + 900;
      for (int i = 0; i < 16; i++) { // four pages of four (CRM_STORE_SHOPIFY_BACKFILL_CUSTOMERS_PAGE_SIZE)
        customers.add(ShopifyAdminPeer.customerNode(base + i, "Crash" + i, "Backfill" + run,
            "crash" + i + "." + run + "@example.com", "2024-04-01T10:00:00Z"));
      }
      peer.serve(customers, List.of());
      peer.hold("customers:8"); // the third page stays in flight until the server is gone

      HttpResponse<String> started = postJson(INTEGRATION, "/crm/api/store/shopify/backfills",
          "{\"shop\":\"" + shop + "\",\"what\":\"customers\"}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      long id = json(started).getJsonNumber("id").longValue();
      // two pages applied with their checkpoint, the third in flight (no call to the server while it hangs there:
      // a request then sometimes waited past its timeout on a loaded machine)
      await().atMost(Duration.ofSeconds(60)).until(() -> peer.requests("customers:8") == 1);

      kill();
      peer.release("customers:8");
      start();

      // the restarted server takes the backfill over once the dead worker's lease has lapsed
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .until(() -> {
            JsonObject now = backfill(id);
            assertThat(now.getString("status")).as("%s", now).isIn("RUNNING", "COMPLETED");
            return "COMPLETED".equals(now.getString("status"));
          });
      JsonObject done = backfill(id);
      assertThat(done.getJsonNumber("customersProcessed").longValue()).isEqualTo(16);
      assertThat(done.getJsonNumber("pages").longValue()).isEqualTo(4);
      // the pages before the checkpoint were not read again; the one in flight was
      assertThat(peer.requests("customers:0")).isEqualTo(1);
      assertThat(peer.requests("customers:4")).isEqualTo(1);
      assertThat(peer.requests("customers:8")).isEqualTo(2);
      assertThat(peer.requests("customers:12")).isEqualTo(1);
      // one profile per Shopify customer
      List<Long> profiles = new ArrayList<>();
      for (JsonObject c : customers) {
        String gid = c.getString("id");
        HttpResponse<String> found = get(INTEGRATION, "/crm/api/customers/lookup?system="
            + java.net.URLEncoder.encode("STORE:" + shop, java.nio.charset.StandardCharsets.UTF_8) + "&externalId="
            + gid.substring(gid.lastIndexOf('/') + 1));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        profiles.add(json(found).getJsonNumber("id").longValue());
      }
      assertThat(profiles).doesNotHaveDuplicates();
      assertThat(count("SELECT COUNT(*) FROM crm_customer WHERE family_name = ?", "Backfill" + run)).isEqualTo(16);
    }
  }

  private static JsonObject backfill(long id) {
    HttpResponse<String> response = get(INTEGRATION, "/crm/api/store/shopify/backfills/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  /** SIGKILL: no shutdown hook, no orderly stop of the engine, the routes or the workers. */
  private static void kill() throws Exception {
    long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + SERVER + ".pid")).strip());
    ProcessHandle liberty = ProcessHandle.of(pid).orElseThrow();
    liberty.destroyForcibly();
    liberty.onExit().get(30, TimeUnit.SECONDS);
    LOG.info(() -> "Killed server " + SERVER + " (pid " + pid + ")");
  }

  /** Starts the server with this JVM's environment (the execution's CRM_* variables) and waits until ready. */
  private static void start() throws IOException, InterruptedException {
    server("start");
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> send(request("/health/ready").GET()).statusCode() == 200
            && send(request("/crash-probe/drain").GET()).statusCode() == 400);
  }

  private static void server(String action) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, SERVER)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(WLP.getParent().resolve("crash-recovery-server.log").toFile()));
    Map<String, String> env = builder.environment();
    env.put("CRM_ERP_CUSTOMER_CHANGES_OUT_ENABLED", "true");
    env.put("CRM_ERP_CUSTOMER_CHANGES_OUT_URI", "jms:queue:" + DRAIN_QUEUE);
    env.put("CRM_ERP_CUSTOMER_CHANGES_OUT_POLL_MS", "200");
    env.put("CRM_ERP_CUSTOMER_CHANGES_OUT_LEASE", "PT5S");
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("server " + action + " " + SERVER + " did not return");
    }
  }

  /** Outbox id, version, given name and time of each message: what tells a second application from a change. */
  private static List<String> summary(Map<Long, String> messages) {
    return messages.entrySet().stream().map(e -> {
      JsonObject body = Json.createReader(new StringReader(e.getValue())).readObject();
      JsonObject customer = body.getJsonObject("customer");
      return e.getKey() + " " + body.getString("messageType") + " v" + customer.getJsonNumber("version") + " "
          + customer.getString("givenName") + " at " + body.getString("occurredAt");
    }).toList();
  }

  private JsonArray drain() {
    HttpResponse<String> drained = send(request("/crash-probe/drain?queue=" + DRAIN_QUEUE).GET());
    assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
    return Json.createReader(new StringReader(drained.body())).readArray();
  }

  private long applied() throws SQLException {
    return count("SELECT COUNT(*) FROM crm_inbound_message WHERE system_name = 'erp' AND message_key LIKE ?",
        "cr-" + run + "-%");
  }

  private static long pendingOutbox() throws SQLException {
    return count("SELECT COUNT(*) FROM crm_outbox WHERE target = ?", "erp");
  }

  private Map<String, Long> customersByErpId() throws SQLException {
    Map<String, Long> result = new HashMap<>();
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT external_id, customer_id FROM crm_customer_identity WHERE source_system = 'ERP' AND external_id LIKE ?")) {
      s.setString(1, "CR-" + run + "-%");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          assertThat(result.put(rs.getString(1), rs.getLong(2))).isNull();
        }
      }
    }
    return result;
  }

  private List<String> givenNames() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT c.given_name FROM crm_customer c JOIN crm_customer_identity i ON i.customer_id = c.id"
            + " WHERE i.source_system = 'ERP' AND i.external_id LIKE ?")) {
      s.setString(1, "CR-" + run + "-%");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static long count(String sql, String parameter) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}

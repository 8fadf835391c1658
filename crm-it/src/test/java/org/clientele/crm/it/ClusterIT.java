package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.clientele.crm.it.crash.CrashProbeServlet;
import org.clientele.crm.it.erpjms.ErpQueueServlet;
import org.clientele.crm.it.support.TestDatabase;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL database, one of them killed (SIGKILL) under load: nothing lost, nothing applied or
 * delivered twice, the scheduled jobs moved to the survivor.
 *
 * <p>Not an Arquillian test: like {@link CrashRecoveryIT} it runs the servers itself, in its own failsafe execution
 * ({@code cluster-postgres}) after the others. Server A is the test server; server B ({@code <name>-b}) is created
 * beside it from A's configuration (same Liberty installation, same schema, its own ports and messaging engine).
 * Both relay the ERP outbox into one directory through Camel's file component, one file per delivery, named after
 * the outbox message id and the server, so that every delivery can be counted. Short leases: the cluster lease
 * {@code PT10S} renewed every 2 s, the relay's claims {@code PT5S}; the segment recomputation every 3 s and the
 * follow-up rules every second, so that the holder's runs show.
 */
class ClusterIT {

  private static final Logger LOG = Logger.getLogger(ClusterIT.class.getName());
  private static final int ERP_CUSTOMERS = 40;
  private static final int REGISTRATIONS = 120;
  /** Shopify customers/create webhooks, each delivered to both servers at once (as a retried delivery might be). */
  private static final int WEBHOOKS = 20;
  private static final String SHOP = "it-shop-b.myshopify.com";
  private static final String SHOP_SECRET = "it-secret-b";
  private static final Path WLP = Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp"));
  private static final Path RELAY_DIR = Path.of(System.getProperty("it.cluster.relay.dir", "target/cluster-relay"))
      .toAbsolutePath();
  private static final String SEGMENT_LEASE = "segment-recompute";
  private static final String FOLLOW_UP_LEASE = "follow-up-rules";
  private static final String FOLLOW_UP_ROUTE = "system-follow-up-rules";
  private static final String RECOMPUTED = "Scheduled segment recomputation done";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** One of the two servers. */
  record Node(String letter, String server, int httpPort, int httpsPort) {

    String name() {
      return "cluster-" + letter;
    }

    Path dir() {
      return WLP.resolve("usr/servers").resolve(server);
    }

    Path log() {
      return dir().resolve("logs/messages.log");
    }

    URI uri(String path) {
      return URI.create("http://localhost:" + httpPort + path);
    }
  }

  private static final String SERVER = System.getProperty("it.server.name", "clientele-it");
  private static final Node A = new Node("a", SERVER, Integer.getInteger("it.http.port", 9180),
      Integer.getInteger("it.https.port", 9543));
  private static final Node B = new Node("b", SERVER + "-b", Integer.getInteger("it.cluster.http.port", 9190),
      Integer.getInteger("it.cluster.https.port", 9553));

  private final String run = UUID.randomUUID().toString().substring(0, 6);

  @BeforeAll
  static void createAndStart() throws Exception {
    assumeTrue("postgres".equals(System.getProperty("it.db")), "two servers share a PostgreSQL database only");
    copyServer(A.dir(), B.dir());
    for (Node node : List.of(A, B)) {
      deploy(node);
    }
    if (Files.isDirectory(RELAY_DIR)) {
      try (Stream<Path> files = Files.walk(RELAY_DIR)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(RELAY_DIR);
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> start(A));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> start(B));
    // generous: two servers starting at once on two busy cores took up to 5 minutes here
    a.get(600, TimeUnit.SECONDS);
    b.get(600, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopAndClean() throws Exception {
    if (!"postgres".equals(System.getProperty("it.db"))) {
      return;
    }
    for (Node node : List.of(A, B)) {
      try {
        server(node, "stop");
      } finally {
        Files.deleteIfExists(node.dir().resolve("configDropins/overrides/cluster.xml"));
        Files.deleteIfExists(node.dir().resolve("apps/clientele.ear"));
        Files.deleteIfExists(node.dir().resolve("apps/crash-probe.war"));
      }
    }
  }

  @Test
  void twoServersShareTheWorkAndTheSurvivorTakesOverTheScheduledJobs() throws Exception {
    // the outbox's backlog (the ITs before ran without a relay) goes out first, and is not this test's
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> pendingOutbox() == 0);
    OffsetDateTime begin = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);

    // each lease has one holder, and both servers see the same one
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Map<String, JsonObject> a = leases(A);
      Map<String, JsonObject> b = leases(B);
      return List.of(SEGMENT_LEASE, FOLLOW_UP_LEASE).stream().allMatch(l -> a.containsKey(l) && b.containsKey(l)
          && !a.get(l).getBoolean("expired") && a.get(l).getString("holder").equals(b.get(l).getString("holder"))
          && a.get(l).getBoolean("heldHere") != b.get(l).getBoolean("heldHere"));
    });

    // the scheduled jobs run where the leases are (they may move while the servers are busy starting, but never
    // run on both at once: checked on the logs at the end)
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> recomputations(A) + recomputations(B) > 0 && followUpRuns(A) + followUpRuns(B) > 0);

    // load through both: ERP records on each server's queue, REST registrations to either
    for (Node node : List.of(A, B)) {
      HttpResponse<String> sent = send(node, HttpRequest.newBuilder(node.uri(
          "/crash-probe/erp?run=" + run + node.letter() + "&customers=" + ERP_CUSTOMERS))
          .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    }
    // webhooks: every event to both servers at once; the event id makes one delivery of it
    List<CompletableFuture<HttpResponse<String>>> hooks = new ArrayList<>();
    for (int i = 0; i < WEBHOOKS; i++) {
      String email = "sh." + run + "." + i + "@example.com";
      String body =
          ShopifyWebhooksIT.customer(900_000_000L + i, "Hook", "Cluster", email, "2024-06-01T10:00:00Z", null);
      for (Node node : List.of(A, B)) {
        hooks.add(HTTP.sendAsync(HttpRequest.newBuilder(node.uri("/crm/hooks/shopify"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", "customers/create")
            .header("X-Shopify-Shop-Domain", SHOP)
            .header("X-Shopify-Event-Id", "cl-" + run + "-" + i)
            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
            .header("X-Shopify-API-Version", "2025-07")
            .header("X-Shopify-Triggered-At", "2024-06-01T10:00:00Z")
            .header("X-Shopify-Hmac-Sha256", ShopifyWebhooksIT.sign(body, SHOP_SECRET))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
    }
    for (CompletableFuture<HttpResponse<String>> hook : hooks) {
      assertThat(hook.get(60, TimeUnit.SECONDS).statusCode()).as("webhook acknowledged").isEqualTo(200);
    }

    // the records on the queue of the server that will die are applied before it dies (its embedded engine would
    // keep the rest until it restarts, which CrashRecoveryIT covers); which one dies is known only at the kill, so
    // both queues are waited for, and the registrations are the load in flight
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> applied(run + "a") == 2L * ERP_CUSTOMERS && applied(run + "b") == 2L * ERP_CUSTOMERS);

    ExecutorService clients = Executors.newFixedThreadPool(4);
    AtomicInteger registered = new AtomicInteger();
    AtomicInteger retried = new AtomicInteger();
    List<Future<?>> registrations = new ArrayList<>();
    for (int i = 0; i < REGISTRATIONS; i++) {
      int n = i;
      registrations.add(clients.submit(() -> {
        register(n % 2 == 0 ? A : B, n, retried);
        registered.incrementAndGet();
      }));
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(() -> registered.get() >= REGISTRATIONS / 3);

    // the holder of the segment lease dies abruptly, mid-load
    Map<String, JsonObject> leases = leases(A);
    Node leader = nodeNamed(leases.get(SEGMENT_LEASE).getString("holder"));
    Node survivor = leader == A ? B : A;
    long segmentEpoch = leases.get(SEGMENT_LEASE).getJsonNumber("epoch").longValue();
    long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + leader.server() + ".pid")).strip());
    ProcessHandle liberty = ProcessHandle.of(pid).orElseThrow();
    long killedAt = System.nanoTime();
    liberty.destroyForcibly();
    liberty.onExit().get(30, TimeUnit.SECONDS);
    int registeredAtKill = registered.get();
    LOG.info(() -> "Killed " + leader.server() + " (" + leader.name() + ", pid " + pid + ") after " + registeredAtKill
        + " of " + REGISTRATIONS + " registrations");
    long recomputedBefore = recomputations(survivor);
    long followUpsBefore = followUpRuns(survivor);

    // the survivor takes every lease over once the dead holder's expired, and runs the jobs
    Map<String, JsonObject> after = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> leases(survivor), l -> l.get(SEGMENT_LEASE).getBoolean("heldHere")
            && l.get(FOLLOW_UP_LEASE).getBoolean("heldHere"));
    long takeOverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    assertThat(after.get(SEGMENT_LEASE).getString("holder")).isEqualTo(survivor.name());
    assertThat(after.get(SEGMENT_LEASE).getJsonNumber("epoch").longValue()).isGreaterThan(segmentEpoch);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> recomputations(survivor) > recomputedBefore && followUpRuns(survivor) > followUpsBefore);
    LOG.info(() -> "Leases taken over by " + survivor.name() + " " + takeOverMillis + " ms after the kill");

    // never two recomputations at once, on either server, before or after the kill
    List<Run> runs = new ArrayList<>(runs(A));
    runs.addAll(runs(B));
    runs.sort(Comparator.comparing(Run::from));
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).from()).as("%s starts after %s ended", runs.get(i), runs.get(i - 1))
          .isAfterOrEqualTo(runs.get(i - 1).to());
    }

    for (Future<?> registration : registrations) {
      registration.get(120, TimeUnit.SECONDS);
    }
    clients.shutdown();

    // inbound: every ERP record applied once, every registration once
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> applied(run + survivor.letter()) == 2L * ERP_CUSTOMERS);
    assertThat(applied(run + leader.letter())).isEqualTo(2L * ERP_CUSTOMERS);
    Map<String, Long> erpCustomers = customersByIdentity("ERP", "CR-" + run + "%");
    assertThat(erpCustomers).hasSize(2 * ERP_CUSTOMERS);
    assertThat(erpCustomers.values()).doesNotHaveDuplicates();
    Map<String, Long> webCustomers = customersByIdentity("WEB", "CL-" + run + "-%");
    assertThat(webCustomers).as("one customer per registration, retries included").hasSize(REGISTRATIONS);
    assertThat(webCustomers.values()).doesNotHaveDuplicates();
    assertThat(count("SELECT COUNT(*) FROM crm_dead_letter WHERE created_at >= ? AND system_name = 'erp'", begin))
        .as("dead letters").isZero();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> count(
        "SELECT COUNT(*) FROM crm_store_delivery WHERE event_id LIKE ? AND status = 'PROCESSED'", "cl-" + run + "-%")
        == WEBHOOKS);
    assertThat(count("SELECT COUNT(*) FROM crm_store_delivery WHERE event_id LIKE ?", "cl-" + run + "-%"))
        .as("one delivery per event, whichever server took it").isEqualTo(WEBHOOKS);
    assertThat(count("SELECT COUNT(*) FROM crm_customer WHERE email LIKE ?", "sh." + run + ".%"))
        .as("one customer per webhook event").isEqualTo(WEBHOOKS);

    // outbound: every change delivered, by one server or the other; twice only when the dead server had
    // delivered it and died before settling it (the survivor delivered it again once its claim lapsed)
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> pendingOutbox() == 0);
    Map<Long, List<Delivery>> byCustomer = new HashMap<>();
    for (Delivery d : deliveries(leader)) {
      byCustomer.computeIfAbsent(d.customerId(), k -> new ArrayList<>()).add(d);
    }
    int duplicates = 0;
    Map<Long, Integer> expectedChanges = new HashMap<>();
    erpCustomers.values().forEach(id -> expectedChanges.put(id, 2));
    webCustomers.values().forEach(id -> expectedChanges.put(id, 1));
    for (Map.Entry<Long, Integer> customer : expectedChanges.entrySet()) {
      List<Delivery> received = byCustomer.getOrDefault(customer.getKey(), List.of());
      Map<Long, List<String>> byMessage = new HashMap<>();
      received.forEach(d -> byMessage.computeIfAbsent(d.messageId(), k -> new ArrayList<>()).add(d.node()));
      // a registration retried after the kill may have committed twice as an update: one change more
      assertThat(byMessage.size()).as("changes of customer %s delivered", customer.getKey())
          .isBetween(customer.getValue(), customer.getValue() == 1 ? 2 : customer.getValue());
      for (Map.Entry<Long, List<String>> message : byMessage.entrySet()) {
        List<String> nodes = message.getValue();
        if (nodes.size() > 1) {
          duplicates += nodes.size() - 1;
          assertThat(nodes).as("message %s delivered twice: once by the dead server", message.getKey())
              .hasSize(2).containsExactlyInAnyOrder(leader.letter(), survivor.letter());
        }
      }
    }
    assertThat(count("SELECT COUNT(*) FROM crm_dead_letter WHERE created_at >= ? AND direction = 'OUTBOUND'"
        + " AND system_name = 'erp'", begin)).as("outbound dead letters").isZero();
    int redelivered = duplicates;
    LOG.info(() -> "Two servers: " + 4 * ERP_CUSTOMERS + " ERP records, " + WEBHOOKS
        + " webhooks (each sent to both) and " + REGISTRATIONS + " registrations (" + retried.get()
        + " retried on the survivor) applied once; "
        + expectedChanges.values().stream().mapToInt(Integer::intValue).sum()
        + " outbox messages delivered, " + redelivered
        + " delivered again after the kill; leases taken over in " + takeOverMillis + " ms");
  }

  /** Registers customer {@code CL-<run>-n}, on the other server if this one fails (it may have been killed). */
  private void register(Node node, int n, AtomicInteger retried) {
    String body = """
        {"identities":[{"system":"WEB","externalId":"CL-%1$s-%2$d"}],"givenName":"Cluster","familyName":"Load",
         "email":"cl.%1$s.%2$d@example.com"}""".formatted(run, n);
    Node target = node;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(target.uri("/crm/api/customers"))
            .timeout(Duration.ofSeconds(30)).header("Authorization", basic("integration"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 || response.statusCode() == 201) {
          return;
        }
        if (response.statusCode() < 500 && response.statusCode() != 409) {
          throw new AssertionError("registration " + n + ": " + response.statusCode() + " " + response.body());
        }
      } catch (IOException e) {
        // the server died under the request: whether it committed or not, the retry finds or registers it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      retried.incrementAndGet();
      target = target == A ? B : A;
    }
    throw new AssertionError("registration " + n + " failed on both servers");
  }

  /** One file the relay wrote: {@code <message id>-<server letter>-<exchange id>.json}. */
  record Delivery(long messageId, String node, long customerId) {}

  /** The deliveries; a file the killed server was writing when it died may be cut short, and does not count. */
  private static List<Delivery> deliveries(Node killed) throws IOException {
    List<Delivery> result = new ArrayList<>();
    try (Stream<Path> files = Files.list(RELAY_DIR)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String[] parts = file.getFileName().toString().split("-", 3);
        JsonObject payload;
        try {
          payload = Json.createReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8))).readObject();
        } catch (jakarta.json.JsonException e) {
          assertThat(parts[1]).as("only the killed server leaves a file cut short: %s", file)
              .isEqualTo(killed.letter());
          LOG.info(() -> "Cut short by the kill: " + file.getFileName());
          continue;
        }
        result.add(new Delivery(Long.parseLong(parts[0]), parts[1], payload.getJsonNumber("customerId").longValue()));
      }
    }
    return result;
  }

  private static Map<String, JsonObject> leases(Node node) {
    HttpResponse<String> response = send(node, HttpRequest.newBuilder(node.uri("/crm/api/system/leases"))
        .header("Authorization", basic("admin")).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, JsonObject> leases = new HashMap<>();
    JsonArray array = Json.createReader(new StringReader(response.body())).readArray();
    array.getValuesAs(JsonObject.class).forEach(l -> leases.put(l.getString("name"), l));
    return leases;
  }

  /** How often the follow-up rules route ran on the server (its exchanges since it started). */
  private static long followUpRuns(Node node) {
    HttpResponse<String> response = send(node, HttpRequest.newBuilder(node.uri("/crm/api/integration/routes"))
        .header("Authorization", basic("admin")).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.createReader(new StringReader(response.body())).readArray().getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("id").equals(FOLLOW_UP_ROUTE))
        .mapToLong(r -> r.getJsonNumber("exchangesTotal").longValue()).sum();
  }

  /** One scheduled segment recomputation, as its server logged it. */
  record Run(String server, Instant from, Instant to) {}

  private static final Pattern RUN = Pattern.compile(RECOMPUTED + ".* from (\\S+) to (\\S+)\\)");

  private static List<Run> runs(Node node) throws IOException {
    try (Stream<String> lines = Files.lines(node.log(), StandardCharsets.UTF_8)) {
      return lines.map(RUN::matcher).filter(Matcher::find)
          .map(m -> new Run(node.server(), Instant.parse(m.group(1)), Instant.parse(m.group(2)))).toList();
    }
  }

  /** Scheduled segment recomputations the server logged since it started. */
  private static long recomputations(Node node) throws IOException {
    try (Stream<String> lines = Files.lines(node.log(), StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains(RECOMPUTED)).count();
    }
  }

  private static Node nodeNamed(String name) {
    return A.name().equals(name) ? A : B;
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(Node node, HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(node.server() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Server B gets A's configuration, libraries and keys; not its logs, work area, transaction log or messages. */
  private static void copyServer(Path from, Path to) throws IOException {
    Set<String> skipped = new HashSet<>(List.of("apps", "dropins", "logs", "workarea", "tranlog", "configDropins",
        "data"));
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path relative = from.relativize(source);
        if (relative.getNameCount() > 0 && (skipped.contains(relative.getName(0).toString())
            || relative.toString().startsWith("messaging/messageStore"))) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deploy(Node node) throws IOException {
    Path dropIn = node.dir().resolve("configDropins/overrides/cluster.xml");
    Files.createDirectories(dropIn.getParent());
    Files.createDirectories(node.dir().resolve("apps"));
    Files.copy(Path.of(System.getProperty("it.ear")), node.dir().resolve("apps/clientele.ear"),
        StandardCopyOption.REPLACE_EXISTING);
    ShrinkWrap.create(WebArchive.class, "crash-probe.war")
        .addClasses(CrashProbeServlet.class, ErpQueueServlet.class)
        .as(ZipExporter.class).exportTo(node.dir().resolve("apps/crash-probe.war").toFile(), true);
    Files.writeString(dropIn, """
        <server>
          <!-- TEST ONLY (ClusterIT): the EAR and the probe that sends ERP records to this server's queue. -->
          <enterpriseApplication id="clientele" name="clientele" location="clientele.ear">
            <classloader commonLibraryRef="clienteleApi"/>
          </enterpriseApplication>
          <webApplication id="crashProbe" name="crash-probe" location="crash-probe.war" contextRoot="/crash-probe"/>
        </server>
        """);
  }

  private static void start(Node node) {
    try {
      server(node, "start");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    await().atMost(Duration.ofSeconds(540)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> send(node, HttpRequest.newBuilder(node.uri("/health/ready")).GET()).statusCode() == 200
            && send(node, HttpRequest.newBuilder(node.uri("/crash-probe/drain")).GET()).statusCode() == 400);
  }

  /** Runs {@code wlp/bin/server <action>} with this JVM's environment (the execution's) and the node's own. */
  private static void server(Node node, String action) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, node.server())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(WLP.getParent().resolve("cluster-server.log").toFile()));
    Map<String, String> env = builder.environment();
    env.put("CRM_HTTP_PORT", String.valueOf(node.httpPort()));
    env.put("CRM_HTTPS_PORT", String.valueOf(node.httpsPort()));
    env.put("CRM_NODE_NAME", node.name());
    env.put("CRM_CLUSTER_LEASE_DURATION", "PT10S");
    env.put("CRM_CLUSTER_LEASE_RENEW_PERIOD", "PT2S");
    env.put("CRM_SEGMENT_RECOMPUTE_PERIOD", "PT3S");
    env.put("CRM_FOLLOWUP_RULES_PERIOD", "1000");
    env.put("CRM_ERP_CUSTOMER_CHANGES_OUT_ENABLED", "true");
    env.put("CRM_ERP_CUSTOMER_CHANGES_OUT_URI", "file:" + RELAY_DIR + "?fileName=$simple{header.CrmOutboxMessageId}-"
        + node.letter() + "-$simple{exchangeId}.json");
    env.put("CRM_ERP_CUSTOMER_CHANGES_OUT_POLL_MS", "200");
    env.put("CRM_ERP_CUSTOMER_CHANGES_OUT_LEASE", "PT5S");
    Process process = builder.start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("server " + action + " " + node.server() + " did not return");
    }
  }

  private long applied(String erpRun) throws SQLException {
    return count("SELECT COUNT(*) FROM crm_inbound_message WHERE system_name = 'erp' AND message_key LIKE ?",
        "cr-" + erpRun + "-%");
  }

  private static long pendingOutbox() throws SQLException {
    return count("SELECT COUNT(*) FROM crm_outbox WHERE target = ?", "erp");
  }

  private static Map<String, Long> customersByIdentity(String system, String pattern) throws SQLException {
    Map<String, Long> result = new HashMap<>();
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT external_id, customer_id FROM crm_customer_identity WHERE source_system = ? AND external_id LIKE ?")) {
      s.setString(1, system);
      s.setString(2, pattern);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          assertThat(result.put(rs.getString(1), rs.getLong(2))).as("one identity per id").isNull();
        }
      }
    }
    return result;
  }

  private static long count(String sql, Object parameter) throws SQLException {
    try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}

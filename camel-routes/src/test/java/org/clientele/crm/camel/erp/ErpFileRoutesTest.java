package org.clientele.crm.camel.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.camel.erp.ErpCustomerRoutesTest.ListDeadLetters;
import org.clientele.crm.camel.erp.ErpCustomerRoutesTest.RecordingApplier;
import org.clientele.crm.camel.support.CorrelationIds;
import org.clientele.crm.camel.support.SharedRouteConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file drop without a server: a temporary directory, the real customer apply route on a recording applier,
 * and a stand-in orders apply route that records what it gets (and fails like a database that is down on "boom").
 */
class ErpFileRoutesTest {

  private static final Duration PATIENCE = Duration.ofSeconds(15);

  /** What the stand-in orders route received: body and headers. */
  record Received(String body, Map<String, Object> headers) {}

  @TempDir Path drop;

  private final RecordingApplier applier = new RecordingApplier();
  private final ListDeadLetters deadLetters = new ListDeadLetters();
  private final List<Received> orders = new CopyOnWriteArrayList<>();
  private final List<CamelContext> contexts = new CopyOnWriteArrayList<>();
  /** While true, the stand-in orders route fails every record, like a database that is down. */
  private volatile boolean down;

  @BeforeEach
  void start() throws Exception {
    server();
  }

  /** One server: a context polling the drop directory. */
  private CamelContext server() throws Exception {
    CamelContext context = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.put("crm.erp.customers.enabled", "false");
    properties.put("crm.erp.mapping.customer.erpCustomerId", "/erpCustomerId");
    properties.put("crm.erp.files.directory", drop.toString());
    properties.put("crm.erp.files.poll-ms", "20");
    properties.put("crm.erp.files.stable-ms", "20");
    properties.put("crm.erp.files.max-bytes", "2000");
    properties.put("crm.erp.files.dead-letter-payload-max-bytes", "1000");
    context.getPropertiesComponent().setInitialProperties(properties);
    context.addRoutes(new SharedRouteConfiguration());
    context.addRoutes(new ErpCustomerRoutes(applier, deadLetters, null));
    context.addRoutes(new ErpFileRoutes(deadLetters, null));
    context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:erp-orders-apply").routeId("orders-stand-in").process(e -> {
          String body = e.getMessage().getBody(String.class);
          if (body.contains("boom") || down) {
            throw new IllegalStateException("database down");
          }
          orders.add(new Received(body, Map.copyOf(e.getMessage().getHeaders())));
        });
      }
    });
    context.start();
    contexts.add(context);
    return context;
  }

  @AfterEach
  void stop() {
    contexts.forEach(CamelContext::stop);
  }

  @Test
  void csvAndJsonFilesAreAppliedAndMovedToDone() throws IOException {
    String csv = "erpCustomerId,givenName,address.city\n1,Ada,Berlin\n2,Bo,\n";
    write("customers-a.csv", csv);
    write("customers-b.json", "[{\"erpCustomerId\":\"3\"},{\"messageId\":\"own-4\",\"erpCustomerId\":\"4\"}]");

    awaitIn("done", 2);
    String sha = ErpFileParser.sha256(csv.getBytes(StandardCharsets.UTF_8));
    assertThat(applier.registered).extracting(CustomerMaster::messageId)
        .contains("file:" + sha + ":1", "file:" + sha + ":2", "own-4").hasSize(4);
    assertThat(applier.registered).filteredOn(m -> "1".equals(m.erpCustomerId())).singleElement()
        .satisfies(m -> assertThat(m.customer().address().city()).isEqualTo("Berlin"));
    assertThat(files("done"))
        .anyMatch(n -> n.endsWith("-customers-a.csv")).anyMatch(n -> n.endsWith("-customers-b.json"));
    assertThat(files("inprogress")).isEmpty();
    assertThat(files("failed")).isEmpty();
    // the read lock's marker goes when the exchange completes, a moment after the move
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(files(".")).isEmpty());
    assertThat(deadLetters.parked).isEmpty();
  }

  @Test
  void everyRecordOfAFileCarriesTheFilesCorrelationIdAndItsOwnKey() throws IOException {
    String jsonl = "{\"n\":1}\n{\"n\":2}\n";
    write("orders-1.jsonl", jsonl);

    awaitIn("done", 1);
    String sha = ErpFileParser.sha256(jsonl.getBytes(StandardCharsets.UTF_8));
    assertThat(orders).extracting(r -> r.headers().get("messageId"))
        .containsExactly("file:" + sha + ":1", "file:" + sha + ":2");
    assertThat(orders).extracting(r -> r.headers().get(CorrelationIds.HEADER)).doesNotContainNull().containsOnly(
        orders.get(0).headers().get(CorrelationIds.HEADER));
    assertThat(orders).extracting(r -> r.headers().get(ErpFileRoutes.FILE_NAME_HEADER)).containsOnly("orders-1.jsonl");
    assertThat(orders).extracting(Received::body).containsExactly("{\"n\":1}", "{\"n\":2}");
  }

  @Test
  void theSameContentAgainIsANoOpEvenRenamedAndOtherContentIsNew() throws IOException {
    String csv = "erpCustomerId,givenName\n10,Ada\n";
    write("customers-x.csv", csv);
    awaitIn("done", 1);
    write("customers-x-again.csv", csv);
    awaitIn("done", 2);

    assertThat(applier.registered).hasSize(1);
    assertThat(applier.calls).hasValue(2);

    write("customers-y.csv", csv + "11,Bo\n");
    awaitIn("done", 3);
    assertThat(applier.registered).extracting(CustomerMaster::erpCustomerId).containsExactly("10", "10", "11");
  }

  @Test
  void aBadRecordIsParkedByTheApplyRouteAndTheOthersAreApplied() throws IOException {
    String csv = "erpCustomerId,email\n20,a@example.com\n21,nope\n22,c@example.com\n";
    write("customers-bad-row.csv", csv);

    awaitIn("done", 1);
    assertThat(applier.registered).extracting(CustomerMaster::erpCustomerId).containsExactly("20", "22");
    String sha = ErpFileParser.sha256(csv.getBytes(StandardCharsets.UTF_8));
    assertThat(deadLetters.parked).singleElement().satisfies(l -> {
      assertThat(l.routeId()).isEqualTo(ErpCustomerRoutes.ROUTE_ID);
      assertThat(l.messageKey()).isEqualTo("file:" + sha + ":2");
      assertThat(l.reasonType()).isEqualTo("invalid-input");
      assertThat(l.payload()).contains("nope");
      assertThat(l.correlationId()).isNotBlank();
    });
  }

  @Test
  void anUnparseableFileGoesToFailedWithOneDeadLetter() throws IOException {
    String csv = "erpCustomerId,givenName\n30,\"Ada\n";
    write("customers-broken.csv", csv);

    awaitIn("failed", 1);
    assertThat(files("failed")).singleElement().satisfies(n -> assertThat(n).endsWith("-customers-broken.csv"));
    assertThat(applier.calls).hasValue(0);
    NewDeadLetter letter = deadLetters.parked.get(0);
    assertThat(deadLetters.parked).hasSize(1);
    assertThat(letter.routeId()).isEqualTo(ErpFileRoutes.ROUTE_ID);
    assertThat(letter.system()).isEqualTo("erp");
    assertThat(letter.messageType()).isEqualTo("file");
    assertThat(letter.messageKey())
        .isEqualTo("customers-broken.csv#" + ErpFileParser.sha256(csv.getBytes(StandardCharsets.UTF_8)));
    assertThat(letter.payload()).isEqualTo(csv);
    assertThat(letter.reason()).contains("line 2, column 4", "not closed");
    assertThat(letter.reasonType()).isEqualTo(ErpFileException.MALFORMED);
    assertThat(letter.correlationId()).isNotBlank();
    assertThat(letter.headers()).containsEntry(ErpFileRoutes.FILE_NAME_HEADER, "customers-broken.csv");
  }

  @Test
  void unknownKindsAndTooBigFilesFail() throws IOException {
    write("suppliers.csv", "id\n1\n");
    write("customers-huge.csv", "erpCustomerId\n" + "1\n".repeat(1500));

    awaitIn("failed", 2);
    assertThat(deadLetters.parked).extracting(NewDeadLetter::reasonType)
        .containsExactlyInAnyOrder(ErpFileException.UNKNOWN_KIND, ErpFileException.TOO_LARGE);
    assertThat(deadLetters.parked).filteredOn(l -> ErpFileException.TOO_LARGE.equals(l.reasonType())).singleElement()
        .satisfies(l -> assertThat(l.payload()).contains("not read"));
  }

  @Test
  void aRecordFailingUnexpectedlyFailsTheFileAfterTheRecordsBeforeIt() throws IOException {
    write("orders-2.jsonl", "{\"n\":1}\n{\"n\":\"boom\"}\n{\"n\":3}\n");

    awaitIn("failed", 1);
    assertThat(orders).extracting(Received::body).containsExactly("{\"n\":1}");
    assertThat(deadLetters.parked).singleElement().satisfies(l -> {
      assertThat(l.reasonType()).isEqualTo(ErpFileException.RECORD_FAILED);
      assertThat(l.reason()).contains("record 2 of 3", "database down");
    });
  }

  @Test
  void aFileThatFailedOnARecordIsReplayedOnceTheCauseIsGone() throws IOException {
    String jsonl = "{\"n\":1}\n{\"n\":2}\n";
    down = true;
    write("orders-3.jsonl", jsonl);
    awaitIn("failed", 1);
    NewDeadLetter letter = deadLetters.parked.get(0);
    assertThat(letter.reasonType()).isEqualTo(ErpFileException.RECORD_FAILED);
    assertThat(letter.headers()).containsEntry(ErpFileRoutes.PAYLOAD_HEADER, "text");

    down = false;
    var replayed = contexts.get(0).createProducerTemplate().send(ErpFileRoutes.REPLAY_ENDPOINT, e -> {
      e.getMessage().setBody(letter.payload());
      e.getMessage().setHeaders(Map.of(ErpFileRoutes.FILE_NAME_HEADER, "orders-3.jsonl",
          CorrelationIds.HEADER, letter.correlationId()));
    });
    assertThat(replayed.getException()).isNull();
    assertThat(replayed.getProperty(ErpCustomerRoutes.FAILURE_PROPERTY)).isNull();
    String sha = ErpFileParser.sha256(jsonl.getBytes(StandardCharsets.UTF_8));
    assertThat(orders).extracting(r -> r.headers().get("messageId"))
        .containsExactly("file:" + sha + ":1", "file:" + sha + ":2");
    assertThat(orders).extracting(r -> r.headers().get(CorrelationIds.HEADER)).containsOnly(letter.correlationId());
  }

  @Test
  void aReplayOfAMalformedFileFailsAgainWithoutANewLetter() throws IOException {
    write("customers-still-broken.csv", "erpCustomerId\n\"1\n");
    awaitIn("failed", 1);
    NewDeadLetter letter = deadLetters.parked.get(0);

    var replayed = contexts.get(0).createProducerTemplate().send(ErpFileRoutes.REPLAY_ENDPOINT, e -> {
      e.getMessage().setBody(letter.payload());
      e.getMessage().setHeader(ErpFileRoutes.FILE_NAME_HEADER, "customers-still-broken.csv");
    });
    assertThat(replayed.getProperty(ErpCustomerRoutes.FAILURE_PROPERTY, String.class))
        .contains("malformed-file", "line 2");
    assertThat(deadLetters.parked).hasSize(1);
  }

  @Test
  void hiddenAndTemporaryFilesAreIgnored() throws IOException {
    write(".customers-hidden.csv", "erpCustomerId\n40\n");
    write("customers-writing.csv.tmp", "erpCustomerId\n41\n");
    write("customers-writing.csv.part", "erpCustomerId\n42\n");
    write("customers-ready.csv", "erpCustomerId\n43\n");

    awaitIn("done", 1);
    // a second file, dropped later, is done too: the ignored ones had every chance
    write("customers-later.csv", "erpCustomerId\n44\n");
    awaitIn("done", 2);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(files(".")).containsExactlyInAnyOrder(
        ".customers-hidden.csv", "customers-writing.csv.tmp", "customers-writing.csv.part"));
    assertThat(applier.registered).extracting(CustomerMaster::erpCustomerId).containsExactly("43", "44");
  }

  @Test
  void twoServersOnOneDirectoryTakeEachFileOnce() throws Exception {
    server();
    for (int i = 0; i < 20; i++) {
      write("orders-" + i + ".jsonl", "{\"n\":" + i + "}\n");
    }

    awaitIn("done", 20);
    contexts.forEach(CamelContext::stop);
    assertThat(orders).hasSize(20);
    assertThat(files("failed")).isEmpty();
    assertThat(files("inprogress")).isEmpty();
  }

  @Test
  void theRouteIsOffWithoutADirectory() throws Exception {
    CamelContext off = new DefaultCamelContext();
    off.addRoutes(new ErpFileRoutes(deadLetters, null));
    off.start();
    try {
      assertThat(off.getRoute(ErpFileRoutes.ROUTE_ID)).isNull();
    } finally {
      off.stop();
    }
  }

  private void write(String name, String text) throws IOException {
    // like a well-behaved writer: write under a temporary name, then rename
    Path temporary = drop.resolve(name + ".writing.tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, drop.resolve(name));
  }

  private void awaitIn(String sub, int count) {
    await().atMost(PATIENCE).until(() -> files(sub).size() >= count);
  }

  private List<String> files(String sub) throws IOException {
    Path dir = drop.resolve(sub);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.counter;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.requestAs;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host ERP's file drop on the real server: CSV and JSON files written into the drop directory
 * ({@code CRM_ERP_FILES_DIRECTORY}, set by the failsafe configuration) are applied once through the customer
 * apply route, a file dropped again changes nothing, a bad row is parked while the other rows go through, and an
 * unparseable file ends in {@code failed/} with one dead letter.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErpFilesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Path drop = Path.of(System.getProperty("it.erp.drop.dir"));
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(name = "clientele", testable = false, managed = false)
  static EnterpriseArchive clientele() {
    return Deployments.clienteleEar();
  }

  @Test
  void csvAndJsonFilesAreApplied() throws IOException {
    String csv = "erpCustomerId,givenName,familyName,email,address.city,address.country,tags[]\r\n"
        + "C1-" + run + ",\"Ada, Countess\",Lovelace,ada." + run + "@example.com,Berlin,DE,erp|file\r\n"
        + "C2-" + run + ",Bo,\"O\"\"Neil\",bo." + run + "@example.com,,,\r\n";
    String jsonName = "customers-" + run + ".json";
    String json = "[{\"messageId\":\"J-" + run + "\",\"erpCustomerId\":\"J1-" + run + "\",\"givenName\":\"Jo\","
        + "\"email\":\"jo." + run + "@example.com\",\"address\":{\"city\":\"Paris\",\"country\":\"FR\"}}]";
    drop("customers-" + run + ".csv", csv);
    drop(jsonName, json);

    awaitIn("done", "customers-" + run + ".csv");
    awaitIn("done", jsonName);
    JsonObject ada = customer("C1-" + run).orElseThrow();
    assertThat(ada.getString("givenName")).isEqualTo("Ada, Countess");
    assertThat(ada.getJsonObject("address").getString("city")).isEqualTo("Berlin");
    assertThat(ada.getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString).contains("erp", "file");
    assertThat(customer("C2-" + run).orElseThrow().getString("familyName")).isEqualTo("O\"Neil");
    assertThat(customer("J1-" + run).orElseThrow().getJsonObject("address").getString("city")).isEqualTo("Paris");
    assertThat(files("inprogress")).noneMatch(n -> n.contains(run));
    assertThat(counter("crm_erp_files_total", "kind=\"customers\"", "outcome=\"done\"")).isGreaterThanOrEqualTo(2);
    assertThat(counter("crm_erp_file_records_total", "kind=\"customers\"", "outcome=\"processed\""))
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void theSameFileDroppedAgainChangesNothing() throws IOException {
    String csv = "erpCustomerId,givenName,email\n"
        + "D1-" + run + ",Dee,dee." + run + "@example.com\n";
    drop("customers-" + run + "-first.csv", csv);
    awaitIn("done", "customers-" + run + "-first.csv");
    JsonObject first = customer("D1-" + run).orElseThrow();
    double duplicates = counter("crm_erp_customer_messages_total", "outcome=\"duplicate\"");

    // the same bytes under another name: the records' keys come from the content, so the ledger skips them
    drop("customers-" + run + "-again.csv", csv);
    awaitIn("done", "customers-" + run + "-again.csv");
    assertThat(counter("crm_erp_customer_messages_total", "outcome=\"duplicate\""))
        .isGreaterThanOrEqualTo(duplicates + 1);
    assertThat(customer("D1-" + run).orElseThrow().getJsonNumber("version").longValue())
        .isEqualTo(first.getJsonNumber("version").longValue());
  }

  @Test
  void aBadRowIsParkedAndTheOtherRowsAreApplied() throws IOException {
    String csv = "erpCustomerId,givenName,email\n"
        + "B1-" + run + ",One,one." + run + "@example.com\n"
        + "B2-" + run + ",Two,not-an-email\n"
        + "B3-" + run + ",Three,three." + run + "@example.com\n";
    drop("customers-" + run + "-rows.csv", csv);

    awaitIn("done", "customers-" + run + "-rows.csv");
    assertThat(customer("B1-" + run)).isPresent();
    assertThat(customer("B3-" + run)).isPresent();
    assertThat(customer("B2-" + run)).isEmpty();
    JsonObject letter = deadLetter("file:" + sha256(csv) + ":2").orElseThrow();
    assertThat(letter.getString("routeId")).isEqualTo("erp-customers-in");
    assertThat(letter.getString("reasonType")).isEqualTo("invalid-input");
    assertThat(letter.getString("reason")).contains("email");
    assertThat(letter.getString("correlationId")).isNotBlank();
    assertThat(json(get(ADMIN, "/crm/api/dead-letters/" + letter.getJsonNumber("id"))).getString("payload"))
        .contains("not-an-email");
  }

  @Test
  void anUnparseableFileGoesToFailedWithOneDeadLetter() throws IOException {
    String name = "customers-" + run + "-broken.csv";
    String csv = "erpCustomerId,givenName\nX1-" + run + ",\"never closed\n";
    drop(name, csv);

    awaitIn("failed", name);
    JsonObject letter = await().atMost(PATIENCE).until(() -> deadLetter(name + "#" + sha256(csv)), Optional::isPresent)
        .orElseThrow();
    assertThat(letter.getString("direction")).isEqualTo("INBOUND");
    assertThat(letter.getString("routeId")).isEqualTo("erp-files-in");
    assertThat(letter.getString("messageType")).isEqualTo("file");
    assertThat(letter.getString("reasonType")).isEqualTo("malformed-file");
    assertThat(letter.getString("reason")).contains("line 2", "not closed");
    assertThat(json(get(ADMIN, "/crm/api/dead-letters/" + letter.getJsonNumber("id"))).getString("payload"))
        .isEqualTo(csv);
    assertThat(customer("X1-" + run)).isEmpty();
    assertThat(files("done")).noneMatch(n -> n.endsWith(name));

    // a replay parses the stored text again: still broken, so the letter stays parked with one more attempt
    HttpResponse<String> replayed = send(requestAs(ADMIN, "/crm/api/dead-letters/" + letter.getJsonNumber("id")
        + "/replay").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(json(replayed).getString("status")).isEqualTo("PARKED");
    assertThat(json(replayed).getInt("attempts")).isEqualTo(2);
    assertThat(json(replayed).getString("reason")).contains("line 2");
  }

  @Test
  void theRouteIsListedAndReady() {
    assertThat(get(INTEGRATION, "/crm/api/integration/routes").body()).contains("erp-files-in");
    assertThat(send(request("/health/ready").GET()).body()).contains("route.erp-files-in");
  }

  /** Writes like a well-behaved ERP: under a temporary name, then an atomic rename. */
  private void drop(String name, String text) throws IOException {
    Path temporary = drop.resolve(name + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, drop.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private void awaitIn(String sub, String name) {
    await().atMost(PATIENCE).until(() -> files(sub).stream().anyMatch(n -> n.endsWith("-" + name)));
  }

  private List<String> files(String sub) throws IOException {
    Path dir = drop.resolve(sub);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static Optional<JsonObject> customer(String erpId) {
    HttpResponse<String> found = get(AGENT, "/crm/api/customers/lookup?system=ERP&externalId=" + erpId);
    return found.statusCode() == 200 ? Optional.of(json(found)) : Optional.empty();
  }

  private static Optional<JsonObject> deadLetter(String messageKey) {
    List<JsonObject> items = json(get(INTEGRATION, "/crm/api/dead-letters?system=erp&limit=200"))
        .getJsonArray("items").getValuesAs(JsonObject.class);
    return items.stream().filter(d -> messageKey.equals(d.getString("messageKey", null))).findFirst();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

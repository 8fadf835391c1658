package org.clientele.crm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clientele.crm.it.support.ProblemAssert.assertProblem;
import static org.clientele.crm.it.support.TestServer.ADMIN;
import static org.clientele.crm.it.support.TestServer.AGENT;
import static org.clientele.crm.it.support.TestServer.INTEGRATION;
import static org.clientele.crm.it.support.TestServer.get;
import static org.clientele.crm.it.support.TestServer.json;
import static org.clientele.crm.it.support.TestServer.jsonArray;
import static org.clientele.crm.it.support.TestServer.postJson;
import static org.clientele.crm.it.support.TestServer.request;
import static org.clientele.crm.it.support.TestServer.send;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.clientele.crm.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routes edited without rebuilding, on the real server: YAML DSL files in the route directory
 * ({@code CRM_INTEGRATION_ROUTES_DIRECTORY}, set by Failsafe), the admin's reload, the listing of route files,
 * and the readiness check. Leaves the directory empty, so that the other ITs see a healthy runtime.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RouteFilesIT {

  private static final String OVERRIDE_FILE = "it-ping.camel.yaml";
  private static final String BROKEN_FILE = "it-broken.camel.yaml";

  /** Replaces the built-in system-ping: answers with a marker, through the same YAML the docs show. */
  private static final String PING_OVERRIDE = """
      - route:
          id: system-ping
          from:
            uri: direct:system-ping
            steps:
              - setBody:
                  simple: "edited route: ${body.message}"
      """;

  /** A YAML syntax error on line 5 (the steps key is indented wrongly). */
  private static final String BROKEN = """
      - route:
          id: it-broken
          from:
            uri: direct:it-broken
           steps:
              - log: never
      """;

  private final Path directory = Path.of(System.getProperty("it.routes.dir"));

  @Deployment(testable = false, managed = false)
  static EnterpriseArchive deployment() {
    return Deployments.clienteleEar();
  }

  @BeforeEach
  void createDirectory() throws IOException {
    Files.createDirectories(directory);
  }

  @AfterEach
  void leaveTheDirectoryEmpty() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    assertThat(postJson(ADMIN, "/crm/api/integration/routes/reload", "").statusCode()).isEqualTo(200);
  }

  @Test
  void anEditedRouteReplacesABuiltInOneAndABrokenFileIsReportedWithoutStoppingTheOthers() throws IOException {
    // 1. An edited system-ping, loaded by the admin's reload.
    write(OVERRIDE_FILE, PING_OVERRIDE);
    HttpResponse<String> reload = postJson(ADMIN, "/crm/api/integration/routes/reload", "");
    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    JsonObject loaded = file(jsonArray(reload), OVERRIDE_FILE);
    assertThat(loaded.getString("state")).isEqualTo("LOADED");
    assertThat(loaded.getJsonArray("routeIds").getString(0)).isEqualTo("system-ping");
    assertThat(loaded.getJsonArray("replacedRouteIds").getString(0)).isEqualTo("system-ping");
    assertThat(loaded.getString("loadedAt")).isNotBlank();

    JsonObject reply = json(postJson(AGENT, "/crm/api/integration/ping", "{\"message\":\"hello\"}"));
    assertThat(reply.getString("message")).isEqualTo("edited route: hello");
    assertThat(reply.getString("routeId")).isEqualTo("system-ping");
    assertThat(reply.getString("correlationId")).isNotBlank();
    assertThat(route("system-ping").getString("source")).isEqualTo("file:" + OVERRIDE_FILE);
    assertThat(route("system-ping").getString("state")).isEqualTo("Started");
    assertThat(camelCheck().getString("status")).isEqualTo("UP");

    // 2. A broken file: reported with its reason and line, readiness DOWN naming it, the rest keeps running.
    write(BROKEN_FILE, BROKEN);
    postJson(ADMIN, "/crm/api/integration/routes/reload", "");
    JsonArray files = jsonArray(get(INTEGRATION, "/crm/api/integration/route-files"));
    assertThat(files.getValuesAs(JsonObject.class)).extracting(f -> f.getString("file"))
        .containsExactly(BROKEN_FILE, OVERRIDE_FILE);
    JsonObject broken = file(files, BROKEN_FILE);
    assertThat(broken.getString("state")).isEqualTo("FAILED");
    assertThat(broken.getString("error")).isNotBlank();
    assertThat(broken.getInt("line")).isEqualTo(5);
    assertThat(file(files, OVERRIDE_FILE).getString("state")).isEqualTo("LOADED");

    HttpResponse<String> ready = send(request("/health/ready").GET());
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonObject camel = check(json(ready), "camel");
    assertThat(camel.getString("status")).isEqualTo("DOWN");
    assertThat(camel.getJsonObject("data").getString("file." + BROKEN_FILE))
        .startsWith("FAILED at line 5: ");
    assertThat(camel.getJsonObject("data").getString("route.system-ping")).isEqualTo("Started");
    assertThat(check(json(ready), "database").getString("status")).isEqualTo("UP");
    assertThat(json(postJson(AGENT, "/crm/api/integration/ping", "{\"message\":\"still\"}")).getString("message"))
        .isEqualTo("edited route: still");

    // 3. Both files gone: the built-in ping is back and the runtime is ready again.
    Files.delete(directory.resolve(BROKEN_FILE));
    Files.delete(directory.resolve(OVERRIDE_FILE));
    HttpResponse<String> emptied = postJson(ADMIN, "/crm/api/integration/routes/reload", "");
    assertThat(jsonArray(emptied)).isEmpty();

    await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(camelCheck().getString("status")));
    JsonObject builtIn = json(postJson(AGENT, "/crm/api/integration/ping", "{\"message\":\"hello\"}"));
    assertThat(builtIn.getString("message")).isEqualTo("hello");
    assertThat(builtIn.getString("routeId")).isEqualTo("system-ping");
    assertThat(route("system-ping").getString("source")).doesNotStartWith("file:");
    assertThat(jsonArray(get(ADMIN, "/crm/api/integration/route-files"))).isEmpty();
  }

  @Test
  void aRouteWithAnUnknownComponentFailsAloneAndTheBuiltInRouteKeepsRunning() throws IOException {
    write("it-unknown.camel.yaml", """
        - route:
            id: system-ping
            from:
              uri: direct:system-ping
              steps:
                - to: nosuchcomponent:anywhere
        """);

    JsonObject failed = file(jsonArray(postJson(ADMIN, "/crm/api/integration/routes/reload", "")),
        "it-unknown.camel.yaml");

    assertThat(failed.getString("state")).isEqualTo("FAILED");
    assertThat(failed.getString("error")).contains("nosuchcomponent");
    JsonObject reply = json(postJson(AGENT, "/crm/api/integration/ping", "{\"message\":\"hello\"}"));
    assertThat(reply.getString("message")).isEqualTo("hello");
    assertThat(route("system-ping").getString("state")).isEqualTo("Started");
  }

  @Test
  void onlyAdminsReloadAndAgentsDoNotSeeRouteFiles() {
    assertProblem(postJson(INTEGRATION, "/crm/api/integration/routes/reload", ""), 403, "forbidden");
    assertProblem(get(AGENT, "/crm/api/integration/route-files"), 403, "forbidden");
    assertProblem(send(request("/crm/api/integration/routes/reload")
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())), 401, "unauthenticated");
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static JsonObject file(JsonArray files, String name) {
    return files.getValuesAs(JsonObject.class).stream()
        .filter(f -> f.getString("file").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no route file " + name + " in " + files));
  }

  private static JsonObject route(String id) {
    JsonArray routes = jsonArray(get(ADMIN, "/crm/api/integration/routes"));
    return routes.getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("id").equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no route " + id + " in " + routes));
  }

  private static JsonObject camelCheck() {
    return check(json(send(request("/health/ready").GET())), "camel");
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no health check " + name + " in " + health));
  }
}

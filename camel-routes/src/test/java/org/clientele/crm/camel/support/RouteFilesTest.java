package org.clientele.crm.camel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.PingReply;
import org.clientele.crm.api.integration.PingRequest;
import org.clientele.crm.api.integration.RouteFileState;
import org.clientele.crm.api.integration.RouteFileStatus;
import org.clientele.crm.api.system.NodeStatus;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.api.system.SystemStatus;
import org.clientele.crm.camel.system.SystemRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteFilesTest {

  private static final String PING_OVERRIDE = """
      - route:
          id: system-ping
          from:
            uri: direct:system-ping
            steps:
              - setBody:
                  simple: "edited: ${body.message}"
      """;

  private static final String ECHO = """
      - route:
          id: test-echo
          from:
            uri: direct:test-echo
            steps:
              - setBody:
                  simple: "{{test.greeting}} ${body}"
      """;

  private static final String BROKEN_YAML = """
      - route:
          id: test-broken
          from:
            uri: direct:test-broken
           steps:
              - log: "misindented"
      """;

  private static final String UNKNOWN_COMPONENT = """
      - route:
          id: test-unknown
          from:
            uri: direct:test-unknown
            steps:
              - to: nosuchcomponent:somewhere
      """;

  /** A built-in route on a timer that fires at once, to show that a replaced built-in never runs. */
  static final class TickerRoutes extends RouteBuilder {
    final AtomicInteger ticks = new AtomicInteger();

    @Override
    public void configure() {
      from("timer:test-ticker?delay=0&period=10").routeId("test-ticker").process(e -> ticks.incrementAndGet());
    }
  }

  static final class StubSystemService implements SystemService {
    @Override
    public SystemStatus status() {
      return new SystemStatus("test", "none", "1", "node-a", List.of(), Instant.now());
    }

    @Override
    public NodeStatus recordHeartbeat() {
      return new NodeStatus("node-a", "test", Instant.EPOCH, Instant.now(), 1);
    }

    @Override
    public String nodeName() {
      return "node-a";
    }
  }

  @TempDir Path directory;

  private final TickerRoutes ticker = new TickerRoutes();
  private DefaultCamelContext camel;
  private RouteFiles routeFiles;
  private ProducerTemplate producer;

  @BeforeEach
  void buildContext() throws Exception {
    camel = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.setProperty("crm.system.heartbeat.enabled", "false");
    properties.setProperty("crm.system.heartbeat.period", "1000");
    properties.setProperty("test.greeting", "hello");
    camel.getPropertiesComponent().setInitialProperties(properties);
    camel.addRoutes(new SharedRouteConfiguration());
    camel.addRoutes(new SystemRoutes(new StubSystemService()));
  }

  @AfterEach
  void stop() {
    camel.stop();
  }

  /** Starts the context as the runtime does: built-ins added, files looked at, start, files loaded. */
  private List<RouteFileStatus> start() {
    routeFiles = new RouteFiles(camel, directory);
    routeFiles.beforeStart();
    camel.start();
    producer = camel.createProducerTemplate();
    return routeFiles.reload();
  }

  @Test
  void aValidFileAddsItsRouteWithPlaceholdersAndTheSharedConfiguration() throws IOException {
    write("echo.camel.yaml", ECHO);

    List<RouteFileStatus> files = start();

    assertThat(files).singleElement().satisfies(file -> {
      assertThat(file.file()).isEqualTo("echo.camel.yaml");
      assertThat(file.state()).isEqualTo(RouteFileState.LOADED);
      assertThat(file.routeIds()).containsExactly("test-echo");
      assertThat(file.replacedRouteIds()).isEmpty();
      assertThat(file.error()).isNull();
      assertThat(file.loadedAt()).isNotNull();
    });
    assertThat(camel.getRouteController().getRouteStatus("test-echo").isStarted()).isTrue();
    Exchange reply = producer.request("direct:test-echo", e -> e.getMessage().setBody("world"));
    assertThat(reply.getMessage().getBody(String.class)).isEqualTo("hello world");
    // The shared route configuration's interceptFrom gave the exchange a correlation id.
    assertThat(reply.getMessage().getHeader(CorrelationIds.HEADER, String.class)).isNotBlank();
    assertThat(routeFiles.fileOf("test-echo")).contains("echo.camel.yaml");
    assertThat(routeFiles.fileOf(SystemRoutes.PING_ROUTE)).isEmpty();
  }

  @Test
  void aFileReplacesTheBuiltInRouteWithTheSameId() throws IOException {
    write("ping.camel.yaml", PING_OVERRIDE);

    List<RouteFileStatus> files = start();

    assertThat(files).singleElement().satisfies(file -> {
      assertThat(file.state()).isEqualTo(RouteFileState.LOADED);
      assertThat(file.replacedRouteIds()).containsExactly(SystemRoutes.PING_ROUTE);
    });
    assertThat(producer.requestBody(SystemRoutes.PING_ENDPOINT, new PingRequest("hi"), String.class))
        .isEqualTo("edited: hi");
    assertThat(camel.getRoutes()).extracting(Route::getRouteId).containsOnlyOnce(SystemRoutes.PING_ROUTE);
    assertThat(routeFiles.fileOf(SystemRoutes.PING_ROUTE)).contains("ping.camel.yaml");
  }

  @Test
  void aReplacedBuiltInRouteNeverRunsNotEvenAtStartUp() throws Exception {
    camel.addRoutes(ticker);
    write("ticker.camel.yaml", """
        - route:
            id: test-ticker
            from:
              uri: direct:test-ticker
              steps:
                - setBody:
                    constant: edited
        """);

    start();

    assertThat(ticker.ticks.get()).isZero();
    assertThat(camel.getRoute("test-ticker").getEndpoint().getEndpointUri()).isEqualTo("direct://test-ticker");
  }

  @Test
  void brokenFilesAreReportedWithTheirErrorAndTheOtherRoutesRun() throws IOException {
    write("a-broken.camel.yaml", BROKEN_YAML);
    write("b-unknown.camel.yaml", UNKNOWN_COMPONENT);
    write("c-echo.camel.yaml", ECHO);

    List<RouteFileStatus> files = start();

    assertThat(files).extracting(RouteFileStatus::file, RouteFileStatus::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a-broken.camel.yaml", RouteFileState.FAILED),
        org.assertj.core.groups.Tuple.tuple("b-unknown.camel.yaml", RouteFileState.FAILED),
        org.assertj.core.groups.Tuple.tuple("c-echo.camel.yaml", RouteFileState.LOADED));
    RouteFileStatus broken = files.get(0);
    assertThat(broken.error()).isNotBlank();
    assertThat(broken.line()).isEqualTo(5);
    RouteFileStatus unknown = files.get(1);
    assertThat(unknown.error()).contains("test-unknown").contains("nosuchcomponent");
    assertThat(unknown.routeIds()).containsExactly("test-unknown");

    assertThat(camel.getRoute("test-broken")).isNull();
    assertThat(camel.getRoute("test-unknown")).isNull();
    assertThat(camel.getRouteController().getRouteStatus("test-echo").isStarted()).isTrue();
    assertThat(producer.requestBody(SystemRoutes.PING_ENDPOINT, new PingRequest("hi"), PingReply.class).message())
        .isEqualTo("hi");
  }

  @Test
  void aBrokenReplacementLeavesTheBuiltInRouteRunning() throws IOException {
    write("ping.camel.yaml", """
        - route:
            id: system-ping
            from:
              uri: direct:system-ping
              steps:
                - to: nosuchcomponent:ping
        """);

    List<RouteFileStatus> files = start();

    assertThat(files).singleElement().satisfies(file -> {
      assertThat(file.state()).isEqualTo(RouteFileState.FAILED);
      assertThat(file.error()).contains("nosuchcomponent");
    });
    assertThat(camel.getRouteController().getRouteStatus(SystemRoutes.PING_ROUTE).isStarted()).isTrue();
    PingReply reply = producer.requestBody(SystemRoutes.PING_ENDPOINT, new PingRequest("hi"), PingReply.class);
    assertThat(reply.routeId()).isEqualTo(SystemRoutes.PING_ROUTE);
    assertThat(routeFiles.fileOf(SystemRoutes.PING_ROUTE)).isEmpty();
  }

  @Test
  void reloadAfterFixingAndThenRemovingAFileRestoresTheBuiltInRoute() throws IOException {
    write("ping.camel.yaml", "- route:\n    id: system-ping\n    from: [");
    assertThat(start()).singleElement().extracting(RouteFileStatus::state).isEqualTo(RouteFileState.FAILED);
    assertThat(producer.requestBody(SystemRoutes.PING_ENDPOINT, new PingRequest("a"), Object.class))
        .isInstanceOf(PingReply.class);

    write("ping.camel.yaml", PING_OVERRIDE);
    assertThat(routeFiles.reload()).singleElement().extracting(RouteFileStatus::state)
        .isEqualTo(RouteFileState.LOADED);
    assertThat(producer.requestBody(SystemRoutes.PING_ENDPOINT, new PingRequest("b"), Object.class))
        .isEqualTo("edited: b");

    Files.delete(directory.resolve("ping.camel.yaml"));
    assertThat(routeFiles.reload()).isEmpty();
    PingReply reply = producer.requestBody(SystemRoutes.PING_ENDPOINT, new PingRequest("c"), PingReply.class);
    assertThat(reply.message()).isEqualTo("c");
    assertThat(camel.getRouteController().getRouteStatus(SystemRoutes.PING_ROUTE).isStarted()).isTrue();
    assertThat(routeFiles.fileOf(SystemRoutes.PING_ROUTE)).isEmpty();
  }

  @Test
  void aFileThatBreaksOnReloadGivesBackTheBuiltInRoute() throws IOException {
    write("ping.camel.yaml", PING_OVERRIDE);
    start();

    write("ping.camel.yaml", PING_OVERRIDE + "  nonsense: [\n");
    assertThat(routeFiles.reload()).singleElement().satisfies(file -> {
      assertThat(file.state()).isEqualTo(RouteFileState.FAILED);
      assertThat(file.line()).isNotNull();
    });

    assertThat(producer.requestBody(SystemRoutes.PING_ENDPOINT, new PingRequest("x"), Object.class))
        .isInstanceOf(PingReply.class);
  }

  @Test
  void reloadLeavesRoutesOfUnchangedFilesAndBuiltInsUntouched() throws IOException {
    write("echo.camel.yaml", ECHO);
    start();
    Route echo = camel.getRoute("test-echo");
    Route ping = camel.getRoute(SystemRoutes.PING_ROUTE);
    Instant echoLoadedAt = routeFiles.statuses().get(0).loadedAt();

    write("other.camel.yaml", ECHO.replace("test-echo", "test-other"));
    List<RouteFileStatus> files = routeFiles.reload();

    assertThat(files).extracting(RouteFileStatus::file).containsExactly("echo.camel.yaml", "other.camel.yaml");
    assertThat(camel.getRoute("test-echo")).isSameAs(echo);
    assertThat(camel.getRoute(SystemRoutes.PING_ROUTE)).isSameAs(ping);
    assertThat(files.get(0).loadedAt()).isEqualTo(echoLoadedAt);
    assertThat(camel.getRouteController().getRouteStatus("test-other").isStarted()).isTrue();
  }

  @Test
  void aRouteIdTakenByAnEarlierFileFailsTheLaterFile() throws IOException {
    write("a.camel.yaml", ECHO);
    write("b.camel.yaml", ECHO);

    List<RouteFileStatus> files = start();

    assertThat(files.get(0).state()).isEqualTo(RouteFileState.LOADED);
    assertThat(files.get(1).state()).isEqualTo(RouteFileState.FAILED);
    assertThat(files.get(1).error()).contains("test-echo").contains("a.camel.yaml");
    assertThat(routeFiles.fileOf("test-echo")).contains("a.camel.yaml");
  }

  @Test
  void aRouteWithoutIdFailsItsFile() throws IOException {
    write("anonymous.camel.yaml", """
        - from:
            uri: direct:anonymous
            steps:
              - log: hello
        """);

    assertThat(start()).singleElement().satisfies(file -> {
      assertThat(file.state()).isEqualTo(RouteFileState.FAILED);
      assertThat(file.error()).contains("needs an id");
    });
    assertThat(camel.getRoutes()).extracting(Route::getEndpoint)
        .noneMatch(endpoint -> endpoint.getEndpointUri().contains("anonymous"));
  }

  @Test
  void aMissingDirectoryMeansNoEditedRoutes() throws Exception {
    Files.delete(directory);

    assertThat(start()).isEmpty();
    assertThat(camel.getRouteController().getRouteStatus(SystemRoutes.PING_ROUTE).isStarted()).isTrue();

    Files.createDirectories(directory);
    write("echo.camel.yaml", ECHO);
    assertThat(routeFiles.reload()).singleElement().extracting(RouteFileStatus::state)
        .isEqualTo(RouteFileState.LOADED);
  }

  @Test
  void otherFilesInTheDirectoryAreIgnored() throws IOException {
    write("notes.yaml", ECHO);
    write("echo.camel.yaml.bak", ECHO);

    assertThat(start()).isEmpty();
    assertThat(camel.getRoute("test-echo")).isNull();
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
  }
}

package org.clientele.crm.camel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.PingReply;
import org.clientele.crm.api.integration.PingRequest;
import org.clientele.crm.api.system.NodeStatus;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.api.system.SystemStatus;
import org.clientele.crm.camel.support.CorrelationIds;
import org.clientele.crm.camel.support.SharedRouteConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemRoutesTest {

  /** Stands in for the CRM service: counts heartbeats and can be made to fail. */
  static final class RecordingSystemService implements SystemService {
    final AtomicInteger heartbeats = new AtomicInteger();
    volatile boolean failing;

    @Override
    public SystemStatus status() {
      return new SystemStatus("test", "none", "1", "node-a", List.of(), Instant.now());
    }

    @Override
    public NodeStatus recordHeartbeat() {
      if (failing) {
        throw new IllegalStateException("database down");
      }
      int n = heartbeats.incrementAndGet();
      return new NodeStatus("node-a", "test", Instant.EPOCH, Instant.now(), n);
    }

    @Override
    public String nodeName() {
      return "node-a";
    }
  }

  private final RecordingSystemService system = new RecordingSystemService();
  private CamelContext context;
  private ProducerTemplate producer;

  @BeforeEach
  void start() throws Exception {
    context = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.setProperty("crm.system.heartbeat.enabled", "true");
    properties.setProperty("crm.system.heartbeat.period", "20");
    context.getPropertiesComponent().setInitialProperties(properties);
    context.addRoutes(new SharedRouteConfiguration());
    context.addRoutes(new SystemRoutes(system));
    context.start();
    producer = context.createProducerTemplate();
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void heartbeatRouteRecordsHeartbeatsOnItsTimer() {
    NotifyBuilder threeBeats = new NotifyBuilder(context).fromRoute(SystemRoutes.HEARTBEAT_ROUTE).whenDone(3).create();

    assertThat(threeBeats.matches(10, TimeUnit.SECONDS)).isTrue();
    assertThat(system.heartbeats.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void heartbeatFailureIsCountedAndTheRouteKeepsRunning() {
    system.failing = true;
    NotifyBuilder failures = new NotifyBuilder(context).fromRoute(SystemRoutes.HEARTBEAT_ROUTE).whenFailed(2).create();
    assertThat(failures.matches(10, TimeUnit.SECONDS)).isTrue();

    system.failing = false;
    NotifyBuilder recovered = new NotifyBuilder(context).fromRoute(SystemRoutes.HEARTBEAT_ROUTE).whenCompleted(1).create();
    assertThat(recovered.matches(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void heartbeatRouteStaysStoppedWhenDisabled() throws Exception {
    context.stop();
    context = new DefaultCamelContext();
    Properties properties = new Properties();
    properties.setProperty("crm.system.heartbeat.enabled", "false");
    properties.setProperty("crm.system.heartbeat.period", "20");
    context.getPropertiesComponent().setInitialProperties(properties);
    context.addRoutes(new SystemRoutes(system));
    context.start();

    assertThat(context.getRouteController().getRouteStatus(SystemRoutes.HEARTBEAT_ROUTE).isStopped()).isTrue();
    assertThat(context.getRouteController().getRouteStatus(SystemRoutes.PING_ROUTE).isStarted()).isTrue();
  }

  @Test
  void pingEchoesTheMessageWithRouteNodeAndAFreshCorrelationId() {
    PingReply reply = producer.requestBody(SystemRoutes.PING_ENDPOINT, new PingRequest("hello"), PingReply.class);

    assertThat(reply.message()).isEqualTo("hello");
    assertThat(reply.routeId()).isEqualTo(SystemRoutes.PING_ROUTE);
    assertThat(reply.node()).isEqualTo("node-a");
    assertThat(reply.correlationId()).isNotBlank();
  }

  @Test
  void pingKeepsTheCorrelationIdTheSenderGave() {
    PingReply reply = producer.requestBodyAndHeader(
        SystemRoutes.PING_ENDPOINT, new PingRequest("hello"), CorrelationIds.HEADER, "corr-42", PingReply.class);

    assertThat(reply.correlationId()).isEqualTo("corr-42");
  }

  @Test
  void pingWithoutARequestFailsToTheCaller() {
    assertThatThrownBy(() -> producer.requestBody(SystemRoutes.PING_ENDPOINT, "not a ping request"))
        .isInstanceOf(CamelExecutionException.class);
  }
}

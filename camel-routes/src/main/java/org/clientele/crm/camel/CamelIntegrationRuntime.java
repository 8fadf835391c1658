package org.clientele.crm.camel;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.IntegrationRuntime;
import org.clientele.crm.api.integration.PingReply;
import org.clientele.crm.api.integration.PingRequest;
import org.clientele.crm.api.integration.RouteStatus;
import org.clientele.crm.camel.support.MicroProfileConfigPropertiesSource;
import org.clientele.crm.camel.support.RouteCounters;
import org.clientele.crm.camel.system.SystemRoutes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Owns the application's CamelContext: builds it from every CDI route builder when the application
 * starts (after the schema migration), and stops it cleanly when the application stops.
 *
 * <p>There is no camel-cdi in Camel 4, so this bean plays its part: route builders are CDI beans
 * ({@code @Dependent}) and may inject crm-api services.
 */
@ApplicationScoped
public class CamelIntegrationRuntime implements IntegrationRuntime {

  public static final String CONTEXT_NAME = "clientele";

  private static final Logger LOG = Logger.getLogger(CamelIntegrationRuntime.class.getName());

  @Inject @Any Instance<RoutesBuilder> routeBuilders;

  private volatile CamelContext context;
  private volatile ProducerTemplate producer;
  private volatile String startFailure;
  private final RouteCounters counters = new RouteCounters();

  /** Runs after {@code DatabaseMigrator} (PLATFORM_BEFORE): routes may touch the database at once. */
  void onApplicationStart(
      @Observes @Priority(Interceptor.Priority.APPLICATION + 500) @Initialized(ApplicationScoped.class)
          Object event) {
    start();
  }

  /** Starts the context once; an EAR fires the start event once per module. */
  public synchronized void start() {
    if (context != null) {
      return;
    }
    ClassLoader applicationLoader = getClass().getClassLoader();
    DefaultCamelContext camel = new DefaultCamelContext();
    try {
      camel.getCamelContextExtension().setName(CONTEXT_NAME);
      camel.setApplicationContextClassLoader(applicationLoader);
      camel.setSourceLocationEnabled(true);
      camel.getPropertiesComponent()
          .addPropertiesSource(new MicroProfileConfigPropertiesSource(ConfigProvider.getConfig(applicationLoader)));
      camel.getManagementStrategy().addEventNotifier(counters);

      // Route configurations (shared error handling) must be known before the routes that use them.
      List<RoutesBuilder> builders = routeBuilders.stream()
          .sorted(Comparator.comparing((RoutesBuilder b) -> !(b instanceof RouteConfigurationBuilder)))
          .toList();
      for (RoutesBuilder builder : builders) {
        camel.addRoutes(builder);
      }
      camel.start();
      producer = camel.createProducerTemplate();
      context = camel;
      LOG.info(() -> "Camel context '" + CONTEXT_NAME + "' started with " + camel.getRoutes().size() + " routes");
    } catch (Exception e) {
      startFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
      camel.stop();
      throw new IllegalStateException("The integration runtime could not start: " + e.getMessage(), e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (context != null) {
      LOG.info("Stopping Camel context '" + CONTEXT_NAME + "'");
      producer.stop();
      context.stop();
    }
  }

  @Override
  public boolean isStarted() {
    CamelContext camel = context;
    return camel != null && camel.isStarted();
  }

  /** Why the context failed to start, or {@code null}. */
  public String startFailure() {
    return startFailure;
  }

  @Override
  public List<RouteStatus> routes() {
    CamelContext camel = context;
    if (camel == null) {
      return List.of();
    }
    return camel.getRoutes().stream()
        .map(route -> toStatus(camel, route))
        .sorted(Comparator.comparing(RouteStatus::id))
        .toList();
  }

  @Override
  public PingReply ping(PingRequest request) {
    if (!isStarted()) {
      throw new IllegalStateException("The integration runtime is not running");
    }
    try {
      return producer.requestBody(SystemRoutes.PING_ENDPOINT, request, PingReply.class);
    } catch (CamelExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private RouteStatus toStatus(CamelContext camel, Route route) {
    var counts = counters.of(route.getRouteId());
    String source = route.getSourceLocationShort() != null ? route.getSourceLocationShort() : "java";
    return new RouteStatus(
        route.getRouteId(),
        String.valueOf(camel.getRouteController().getRouteStatus(route.getRouteId())),
        route.isAutoStartup(),
        source,
        counts.completed() + counts.failed(),
        counts.failed());
  }
}

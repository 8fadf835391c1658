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
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.CorrelationContext;
import org.clientele.crm.api.integration.IntegrationRuntime;
import org.clientele.crm.api.integration.PingReply;
import org.clientele.crm.api.integration.PingRequest;
import org.clientele.crm.api.integration.RouteFileStatus;
import org.clientele.crm.api.integration.RouteStatus;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.camel.support.CorrelationIds;
import org.clientele.crm.camel.support.CorrelationScope;
import org.clientele.crm.camel.support.MicroProfileConfigPropertiesSource;
import org.clientele.crm.camel.support.RouteCounters;
import org.clientele.crm.camel.support.RouteFiles;
import org.clientele.crm.camel.system.SystemRoutes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Owns the application's CamelContext: builds it from every CDI route builder when the application
 * starts (after the schema migration), and stops it cleanly when the application stops.
 *
 * <p>There is no camel-cdi in Camel 4, so this bean plays its part: route builders are CDI beans
 * ({@code @Dependent}) and may inject crm-api services.
 *
 * <p>Next to the built-in routes run the edited ones: the {@code *.camel.yaml} files of the directory
 * {@value #ROUTES_DIRECTORY_KEY} (see {@link RouteFiles}), read at start-up and on {@link #reloadRouteFiles()}.
 * A broken file never stops the context from starting.
 */
@ApplicationScoped
public class CamelIntegrationRuntime implements IntegrationRuntime {

  public static final String CONTEXT_NAME = "clientele";

  /** MicroProfile Config key of the route directory; unset or missing directory: no edited routes. */
  public static final String ROUTES_DIRECTORY_KEY = "crm.integration.routes.directory";

  private static final Logger LOG = Logger.getLogger(CamelIntegrationRuntime.class.getName());

  @Inject @Any Instance<RoutesBuilder> routeBuilders;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;
  @Inject SystemService system;
  @Inject CorrelationContext correlation;

  private volatile CamelContext context;
  private volatile ProducerTemplate producer;
  private volatile String startFailure;
  private volatile RouteFiles routeFiles;
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
      Config config = ConfigProvider.getConfig(applicationLoader);
      camel.getPropertiesComponent().addPropertiesSource(new MicroProfileConfigPropertiesSource(config));
      counters.publishTo(metrics);
      camel.getManagementStrategy().addEventNotifier(counters);
      camel.getCamelContextExtension().addInterceptStrategy(new CorrelationScope(correlation));

      // Route configurations (shared error handling) must be known before the routes that use them.
      List<RoutesBuilder> builders = routeBuilders.stream()
          .sorted(Comparator.comparing((RoutesBuilder b) -> !(b instanceof RouteConfigurationBuilder)))
          .toList();
      for (RoutesBuilder builder : builders) {
        camel.addRoutes(builder);
      }
      RouteFiles files = new RouteFiles(camel, routesDirectory(config));
      files.beforeStart();
      camel.start();
      producer = camel.createProducerTemplate();
      context = camel;
      routeFiles = files;
      LOG.info(() -> "Camel context '" + CONTEXT_NAME + "' started with " + camel.getRoutes().size()
          + " built-in routes; route directory " + describe(files.directory()));
      try {
        files.reload();
      } catch (RuntimeException e) {
        // Failures of single files are recorded by RouteFiles; anything else must not stop the CRM either.
        LOG.log(Level.SEVERE, "Route files could not be loaded", e);
      }
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

  /**
   * {@inheritDoc}
   *
   * <p>An edited {@code system-ping} route may answer with a {@link PingReply} or with any other body: its
   * text becomes the reply's message, with the route, node and correlation id of the exchange.
   */
  @Override
  public PingReply ping(PingRequest request) {
    if (!isStarted()) {
      throw new IllegalStateException("The integration runtime is not running");
    }
    Exchange answer = producer.request(SystemRoutes.PING_ENDPOINT, exchange -> exchange.getMessage().setBody(request));
    if (answer.getException() != null) {
      if (answer.getException() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new CamelExecutionException("The ping route failed", answer, answer.getException());
    }
    Object body = answer.getMessage().getBody();
    if (body instanceof PingReply reply) {
      return reply;
    }
    return new PingReply(answer.getMessage().getBody(String.class), answer.getFromRouteId(), system.nodeName(),
        CorrelationIds.ensure(answer), Instant.now());
  }

  /** Whether the running context has the route. */
  public boolean hasRoute(String routeId) {
    CamelContext camel = context;
    return camel != null && camel.isStarted() && camel.getRoute(routeId) != null;
  }

  /**
   * Sends an exchange to an endpoint of the running context and waits for it: the exchange comes back with its
   * exception, if any, rather than throwing (dead-letter replays read the outcome).
   */
  public Exchange send(String endpointUri, org.apache.camel.Processor prepare) {
    if (!isStarted()) {
      throw new IllegalStateException("The integration runtime is not running");
    }
    return producer.send(endpointUri, prepare);
  }

  @Override
  public List<RouteFileStatus> routeFiles() {
    RouteFiles files = routeFiles;
    return files == null ? List.of() : files.statuses();
  }

  @Override
  public synchronized List<RouteFileStatus> reloadRouteFiles() {
    RouteFiles files = routeFiles;
    if (files == null || !isStarted()) {
      throw new IllegalStateException("The integration runtime is not running");
    }
    LOG.info(() -> "Reloading route files from " + describe(files.directory()));
    return files.reload();
  }

  private static Path routesDirectory(Config config) {
    return config.getOptionalValue(ROUTES_DIRECTORY_KEY, String.class)
        .map(String::strip)
        .filter(value -> !value.isEmpty())
        .map(Path::of)
        .orElse(null);
  }

  private static String describe(Path directory) {
    if (directory == null) {
      return "not configured (" + ROUTES_DIRECTORY_KEY + ")";
    }
    return directory.toAbsolutePath() + (directory.toFile().isDirectory() ? "" : " (missing: no edited routes)");
  }

  private RouteStatus toStatus(CamelContext camel, Route route) {
    var counts = counters.of(route.getRouteId());
    String source = routeFiles == null ? null
        : routeFiles.fileOf(route.getRouteId()).map(file -> "file:" + file).orElse(null);
    if (source == null) {
      source = route.getSourceLocationShort() != null ? route.getSourceLocationShort() : "java";
    }
    return new RouteStatus(
        route.getRouteId(),
        String.valueOf(camel.getRouteController().getRouteStatus(route.getRouteId())),
        route.isAutoStartup(),
        source,
        counts.processed() + counts.failed() + counts.deadLettered(),
        counts.failed());
  }
}

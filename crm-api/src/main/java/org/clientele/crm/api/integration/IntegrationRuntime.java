package org.clientele.crm.api.integration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The integration runtime (Apache Camel in this implementation) as operators and the REST API see it. */
public interface IntegrationRuntime {

  /** Whether the runtime has started and is serving routes. */
  boolean isStarted();

  /** Every route the runtime knows, with its state, sorted by id. */
  List<RouteStatus> routes();

  /**
   * Sends a ping through the runtime's {@code system-ping} route and returns its answer: proves that
   * messages flow through the integration runtime, not only that it is up.
   */
  PingReply ping(@NotNull @Valid PingRequest request);

  /**
   * The route files ({@code *.camel.yaml}) of the configured route directory as last read, sorted by file
   * name; empty when no directory is configured or it holds no route file.
   */
  List<RouteFileStatus> routeFiles();

  /**
   * Reads the route directory again: routes of removed or changed files are removed (a built-in route they
   * replaced comes back), new and changed files are loaded, files that failed before are tried again;
   * routes of unchanged files keep running untouched. A broken file is reported, never thrown.
   *
   * @return the route files after the reload, as {@link #routeFiles()}
   */
  List<RouteFileStatus> reloadRouteFiles();
}

package org.clientele.crm.camel.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.api.integration.RouteFileStatus;
import org.clientele.crm.api.integration.RouteStatus;
import org.clientele.crm.camel.CamelIntegrationRuntime;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the Camel context runs, every enabled route is started and every route file loaded. The data
 * lists each route's state ({@code route.<id>}) and each route file ({@code file.<name>}: its routes, or
 * why it failed), so an operator sees which flow is down. A failed file makes this check DOWN while every
 * other route keeps running: the file is what needs attention.
 */
@Readiness
@ApplicationScoped
public class CamelReadinessCheck implements HealthCheck {

  @Inject CamelIntegrationRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("camel");
    if (!runtime.isStarted()) {
      response.down().withData("context", "not started");
      if (runtime.startFailure() != null) {
        response.withData("failure", runtime.startFailure());
      }
      return response.build();
    }
    List<RouteStatus> routes = runtime.routes();
    response.up().withData("context", "Started");
    for (RouteStatus route : routes) {
      response.withData("route." + route.id(), route.enabled() ? route.state() : route.state() + " (disabled)");
      if (!route.healthy()) {
        response.down();
      }
    }
    for (RouteFileStatus file : runtime.routeFiles()) {
      if (file.loaded()) {
        response.withData("file." + file.file(), "LOADED: " + String.join(", ", file.routeIds()));
      } else {
        response.down().withData("file." + file.file(), "FAILED" + (file.line() == null ? "" : " at line " + file.line())
            + ": " + file.error());
      }
    }
    return response.build();
  }
}

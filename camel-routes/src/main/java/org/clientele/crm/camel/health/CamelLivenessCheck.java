package org.clientele.crm.camel.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clientele.crm.camel.CamelIntegrationRuntime;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless the Camel context failed to start: that state does not heal by itself, and a restart of
 * the application is the remedy. A stopped route is a readiness matter, not a liveness one.
 */
@Liveness
@ApplicationScoped
public class CamelLivenessCheck implements HealthCheck {

  @Inject CamelIntegrationRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("camel-context").status(runtime.startFailure() == null);
    if (runtime.startFailure() != null) {
      response.withData("failure", runtime.startFailure());
    }
    return response.build();
  }
}

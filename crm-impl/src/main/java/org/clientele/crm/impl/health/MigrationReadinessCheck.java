package org.clientele.crm.impl.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clientele.crm.impl.persistence.DatabaseMigrator;
import org.clientele.crm.impl.persistence.MigrationState;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the schema matches this release: every migration applied, none failed. */
@Readiness
@ApplicationScoped
public class MigrationReadinessCheck implements HealthCheck {

  @Inject DatabaseMigrator migrator;

  @Override
  public HealthCheckResponse call() {
    MigrationState state = migrator.state();
    var response = HealthCheckResponse.named("migrations")
        .status(state.upToDate())
        .withData("automatic", state.automatic())
        .withData("pending", state.pending());
    if (state.currentVersion() != null) {
      response.withData("version", state.currentVersion());
    }
    if (state.failure() != null) {
      response.withData("failure", state.failure());
    }
    return response.build();
  }
}

package org.clientele.crm.impl.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.clientele.crm.impl.persistence.Jdbc;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the CRM's data source hands out a valid connection. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    try (Connection connection = Jdbc.connection(dataSource)) {
      boolean valid = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
      return response
          .status(valid)
          .withData("product", connection.getMetaData().getDatabaseProductName())
          .build();
    } catch (SQLException e) {
      // The SQL state tells an operator enough; the message may carry host names or user names.
      return response.down().withData("sqlState", String.valueOf(e.getSQLState())).build();
    }
  }
}

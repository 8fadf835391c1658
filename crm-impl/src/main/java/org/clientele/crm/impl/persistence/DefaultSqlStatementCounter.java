package org.clientele.crm.impl.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clientele.crm.api.system.SqlStatementCounter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Counts statements with {@link StatementTally} (JPA through {@link StatementCountingListener}, plain JDBC
 * through {@link Jdbc#connection}) when {@code crm.diagnostics.sql-statements} is true, and records finished
 * counts in the histogram {@value #METRIC}, tagged with the operation. Disabled, it opens nothing.
 */
@ApplicationScoped
public class DefaultSqlStatementCounter implements SqlStatementCounter {

  static final String METRIC = "crm.sql.statements.per.request";

  private static final Measurement DISABLED = new Measurement() {
    @Override
    public long statements() {
      return 0;
    }

    @Override
    public long finish(String operation) {
      return 0;
    }

    @Override
    public void close() {}
  };

  @Inject
  @ConfigProperty(name = "crm.diagnostics.sql-statements", defaultValue = "false")
  boolean enabled;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public Measurement start() {
    if (!enabled) {
      return DISABLED;
    }
    StatementTally.Count count = StatementTally.open();
    return new Measurement() {
      @Override
      public long statements() {
        return count.statements();
      }

      @Override
      public long finish(String operation) {
        count.close();
        long statements = count.statements();
        registry.histogram(METRIC, new Tag("operation", operation)).update(statements);
        return statements;
      }

      @Override
      public void close() {
        count.close();
      }
    };
  }
}

package org.clientele.crm.impl.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway when the application starts, before anything else touches
 * the database (the Camel runtime observes the same event at a later priority).
 *
 * <p>With {@code crm.db.migrate=false} a host's DBA applies the scripts; the CRM then only checks that
 * nothing is pending and reports it through the readiness check.
 */
@ApplicationScoped
public class DatabaseMigrator {

  /** Flyway's history table, prefixed like every CRM table because the database is shared. */
  static final String HISTORY_TABLE = "crm_schema_history";

  private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "crm.db.migrate")
  boolean automatic;

  @Inject
  @ConfigProperty(name = "crm.db.schema")
  Optional<String> schema;

  private volatile MigrationState state;

  /**
   * An EAR fires the initialization event once per module: the first one migrates, the others find
   * the state already set.
   */
  void onApplicationStart(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
          Object event) {
    migrate();
  }

  /** Applies pending migrations once; a failure fails the application start with the reason. */
  public synchronized MigrationState migrate() {
    if (state != null) {
      return state;
    }
    Flyway flyway = flyway();
    if (!automatic) {
      state = inspect(flyway);
      LOG.info(() -> "Automatic schema migration is disabled (crm.db.migrate=false); schema at version "
          + state.currentVersion() + ", " + state.pending() + " pending");
      return state;
    }
    try {
      MigrateResult result = flyway.migrate();
      state = inspect(flyway);
      LOG.info(() -> "Schema migrated: " + result.migrationsExecuted + " migration(s) applied, now at version "
          + state.currentVersion());
      return state;
    } catch (RuntimeException e) {
      state = new MigrationState(true, null, -1, e.getMessage());
      LOG.log(Level.SEVERE, "Schema migration failed; the CRM cannot start on this database", e);
      throw new IllegalStateException("Schema migration failed: " + e.getMessage(), e);
    }
  }

  /** The state established at start-up, or a fresh inspection when start-up has not run yet. */
  public MigrationState state() {
    MigrationState current = state;
    return current != null ? current : inspect(flyway());
  }

  private MigrationState inspect(Flyway flyway) {
    try {
      MigrationInfoService info = flyway.info();
      MigrationInfo current = info.current();
      return new MigrationState(
          automatic, current == null ? null : current.getVersion().getVersion(), info.pending().length, null);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not inspect the schema history", e);
      return new MigrationState(automatic, null, -1, e.getMessage());
    }
  }

  /** The folder of database-specific scripts: {@code postgresql} or {@code h2}. */
  private String vendor() {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgresql")) {
        return "postgresql";
      }
      if (product.contains("h2")) {
        return "h2";
      }
      throw new IllegalStateException("Unsupported database: " + product + " (Clientele supports H2 and PostgreSQL)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database to migrate its schema: " + e.getSQLState(), e);
    }
  }

  private Flyway flyway() {
    var config = Flyway.configure(getClass().getClassLoader())
        .dataSource(dataSource)
        .table(HISTORY_TABLE)
        // Shared scripts, plus each database's own fast paths (e.g. PostgreSQL pattern indexes).
        .locations("classpath:db/migration", "classpath:db/vendor/" + vendor())
        // The schema is usually shared with the host ERP and so not empty on first start: Flyway would
        // refuse to migrate it. Baselining at version 0 applies every CRM migration on top of it.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .validateMigrationNaming(true)
        .cleanDisabled(true);
    schema.filter(s -> !s.isBlank()).ifPresent(s -> config.schemas(s).defaultSchema(s));
    return config.load();
  }
}

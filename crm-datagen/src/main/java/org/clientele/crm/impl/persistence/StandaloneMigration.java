package org.clientele.crm.impl.persistence;

import java.util.Optional;
import javax.sql.DataSource;

/**
 * The server's own {@link DatabaseMigrator} outside the server (no CDI): the same Flyway configuration, history
 * table and vendor scripts, so a schema the generator migrated is one the server accepts as up to date. Lives in
 * the migrator's package because its collaborators are injected into package-private fields.
 */
public final class StandaloneMigration {

  private StandaloneMigration() {}

  /** Applies every pending migration to {@code schema}; returns the version reached. */
  public static String migrate(DataSource dataSource, String schema) {
    DatabaseMigrator migrator = new DatabaseMigrator();
    migrator.dataSource = dataSource;
    migrator.automatic = true;
    migrator.schema = Optional.ofNullable(schema);
    MigrationState state = migrator.migrate();
    return state.currentVersion();
  }
}

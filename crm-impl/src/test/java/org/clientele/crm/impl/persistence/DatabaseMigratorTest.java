package org.clientele.crm.impl.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The migration scripts are the same on both databases and behave the same on them. */
class DatabaseMigratorTest {

  @Test
  void migratesAnEmptyH2Database() throws SQLException {
    DataSource h2 = TestDatabases.freshH2("migrate-empty");
    MigrationState state = migrator(h2, true, Optional.empty()).migrate();

    assertThat(state.upToDate()).isTrue();
    assertThat(state.currentVersion()).isNotBlank();
    assertThat(tableExists(h2, "CRM_NODE")).isTrue();
  }

  @Test
  void migratesAnEmptyPostgresSchema() throws SQLException {
    DataSource pg = TestDatabases.freshPostgresSchema("crm_unit_migrate");
    MigrationState state = migrator(pg, true, Optional.of("crm_unit_migrate")).migrate();

    assertThat(state.upToDate()).isTrue();
    assertThat(tableExists(pg, "crm_node")).isTrue();
    assertThat(indexExists(pg, "crm_customer_family_pattern_ix")).as("PostgreSQL's own fast path").isTrue();
  }

  @Test
  void migratesASchemaTheHostAlreadyUses() throws SQLException {
    DataSource pg = TestDatabases.freshPostgresSchema("crm_unit_shared");
    execute(pg, "CREATE TABLE erp_customer (id BIGINT PRIMARY KEY)");

    MigrationState state = migrator(pg, true, Optional.of("crm_unit_shared")).migrate();

    assertThat(state.upToDate()).isTrue();
    assertThat(tableExists(pg, "crm_node")).isTrue();
    assertThat(tableExists(pg, "erp_customer")).as("the host's table is untouched").isTrue();
  }

  @Test
  void secondStartAppliesNothingAndReportsTheSameVersion() {
    DataSource h2 = TestDatabases.freshH2("migrate-twice");
    MigrationState first = migrator(h2, true, Optional.empty()).migrate();
    MigrationState second = migrator(h2, true, Optional.empty()).migrate();

    assertThat(second.currentVersion()).isEqualTo(first.currentVersion());
    assertThat(second.pending()).isZero();
  }

  @Test
  void withAutomaticMigrationDisabledPendingScriptsAreReportedNotApplied() throws SQLException {
    DataSource h2 = TestDatabases.freshH2("migrate-disabled");
    MigrationState state = migrator(h2, false, Optional.empty()).migrate();

    assertThat(state.automatic()).isFalse();
    assertThat(state.pending()).isPositive();
    assertThat(state.upToDate()).isFalse();
    assertThat(tableExists(h2, "CRM_NODE")).isFalse();
  }

  @Test
  void stateIsComputedOnceAndKept() {
    DatabaseMigrator migrator = migrator(TestDatabases.freshH2("migrate-once"), true, Optional.empty());
    assertThat(migrator.migrate()).isSameAs(migrator.migrate()).isSameAs(migrator.state());
  }

  private static DatabaseMigrator migrator(DataSource dataSource, boolean automatic, Optional<String> schema) {
    DatabaseMigrator migrator = new DatabaseMigrator();
    migrator.dataSource = dataSource;
    migrator.automatic = automatic;
    migrator.schema = schema;
    return migrator;
  }

  private static boolean tableExists(DataSource dataSource, String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), table, null)) {
      return tables.next();
    }
  }

  private static boolean indexExists(DataSource dataSource, String index) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var s = c.prepareStatement("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?")) {
      s.setString(1, index);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

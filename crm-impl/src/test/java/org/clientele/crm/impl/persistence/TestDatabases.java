package org.clientele.crm.impl.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The databases unit tests run on: in-memory H2 always, the local PostgreSQL when reachable (always on CI). */
public final class TestDatabases {

  private TestDatabases() {}

  /** A fresh, empty in-memory H2 database in the mode the server uses. */
  public static DataSource freshH2(String name) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + name + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
    return h2;
  }

  /**
   * A data source on an empty, freshly created PostgreSQL schema. Skips the test when PostgreSQL is not
   * reachable, except on CI ({@code CI=true}), where PostgreSQL is mandatory and its absence fails.
   */
  public static DataSource freshPostgresSchema(String schema) throws SQLException {
    String url = "jdbc:postgresql://127.0.0.1:5432/test";
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw e;
      }
      assumeTrue(false, "PostgreSQL is not reachable: " + e.getMessage());
    }
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setUrl(url);
    pg.setUser("postgres");
    pg.setCurrentSchema(schema);
    return pg;
  }

  /** A fresh in-memory H2 database with every migration applied. */
  public static DataSource migratedH2(String name) {
    DataSource h2 = freshH2(name);
    migrate(h2, Optional.empty());
    return h2;
  }

  /** A fresh PostgreSQL schema with every migration applied; skips the test as {@link #freshPostgresSchema} does. */
  public static DataSource migratedPostgresSchema(String schema) throws SQLException {
    DataSource pg = freshPostgresSchema(schema);
    migrate(pg, Optional.of(schema));
    return pg;
  }

  private static void migrate(DataSource dataSource, Optional<String> schema) {
    DatabaseMigrator migrator = new DatabaseMigrator();
    migrator.dataSource = dataSource;
    migrator.automatic = true;
    migrator.schema = schema;
    migrator.migrate();
  }
}

package org.clientele.crm.impl.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** JDBC work on a connection of the data source (enlisted in the caller's JTA transaction, if any). */
public final class Jdbc {

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  /** @throws IllegalStateException naming {@code what} when the database fails */
  public static <T> T run(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
  }
}

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
    try (Connection connection = connection(dataSource)) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * A connection of the data source; every plain-JDBC path of the CRM takes its connections here, so that its
   * statements are counted like JPA's while a {@link StatementTally} is open (the connection is returned as is
   * otherwise).
   */
  public static Connection connection(DataSource dataSource) throws SQLException {
    Connection connection = dataSource.getConnection();
    return StatementTally.counting() ? CountingConnections.wrap(connection) : connection;
  }

  /** The longest error text or note the CRM's tables keep ({@code VARCHAR(2000)} columns). */
  public static final int TEXT_LENGTH = 2000;

  /** A text cut to {@link #TEXT_LENGTH} characters, or {@code null}. */
  public static String truncated(String text) {
    return text == null || text.length() <= TEXT_LENGTH ? text : text.substring(0, TEXT_LENGTH);
  }

  /** An instant as a {@code TIMESTAMP WITH TIME ZONE} parameter (in UTC), or {@code null}. */
  public static java.time.OffsetDateTime at(java.time.Instant instant) {
    return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
  }
}

package org.clientele.crm.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Direct JDBC access to the database the test server uses (H2 through its auto-server, or PostgreSQL),
 * to check what is really stored.
 */
public final class TestDatabase {

  private TestDatabase() {}

  public static Connection connect() throws SQLException {
    if ("postgres".equals(TestServer.database())) {
      Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
      c.setSchema(System.getProperty("it.pg.schema", "clientele_it"));
      return c;
    }
    String dir = System.getProperty("it.h2.dir");
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dir + "/clientele;MODE=LEGACY;AUTO_SERVER=TRUE", "clientele", "clientele");
  }

  /**
   * Every place in the CRM's tables where a text column contains {@code needle} (case-insensitive), as
   * {@code table.column}. Scans all {@code crm_} tables, so a new table is covered without changing tests.
   */
  public static List<String> whereStored(String needle) throws SQLException {
    List<String> hits = new ArrayList<>();
    try (Connection c = connect()) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
              "SELECT table_name, column_name FROM information_schema.columns WHERE LOWER(table_schema) = ?"
                  + " AND LOWER(table_name) LIKE 'crm%' AND (LOWER(data_type) LIKE '%char%' OR LOWER(data_type) LIKE '%text%')")) {
        s.setString(1, c.getSchema().toLowerCase(Locale.ROOT));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            columns.add(new String[] {rs.getString(1), rs.getString(2)});
          }
        }
      }
      if (columns.isEmpty()) {
        throw new IllegalStateException("No CRM text columns found in schema " + c.getSchema());
      }
      for (String[] column : columns) {
        // Quoted: names come from the catalogue as stored (Flyway creates its table in lower case).
        String sql = "SELECT COUNT(*) FROM \"" + column[0] + "\" WHERE LOWER(\"" + column[1] + "\") LIKE ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setString(1, "%" + needle.toLowerCase(Locale.ROOT) + "%");
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
              hits.add(column[0].toLowerCase(Locale.ROOT) + "." + column[1].toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    }
    return hits;
  }

  /** The correlation ids of a customer's ERP outbox messages, in the order they were written. */
  public static List<String> outboxCorrelationIds(long customerId) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
        "SELECT correlation_id FROM crm_outbox WHERE target = 'erp' AND ordering_key = ? ORDER BY id")) {
      s.setString(1, String.valueOf(customerId));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
    }
    return ids;
  }
}

package org.clientele.crm.impl.integration;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The inbound ledger's operations on the caller's connection and transaction. */
final class InboundLedgerStore {

  private InboundLedgerStore() {}

  /**
   * Inserts the key unless it is there. A concurrent transaction inserting the same key makes this one wait
   * on the primary key and then fail with a unique violation (SQLState 23505) once that one commits.
   *
   * @return false if the key was there already
   */
  static boolean insertIfAbsent(Connection c, String system, String key, String type, Instant now)
      throws SQLException {
    if (exists(c, system, key)) {
      return false;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_inbound_message (system_name, message_key,"
        + " message_type, applied_at) VALUES (?, ?, ?, ?)")) {
      s.setString(1, system);
      s.setString(2, key);
      s.setString(3, type);
      s.setObject(4, at(now));
      s.executeUpdate();
      return true;
    }
  }

  static boolean exists(Connection c, String system, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM crm_inbound_message WHERE system_name = ? AND"
        + " message_key = ?")) {
      s.setString(1, system);
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }
}

package org.clientele.crm.impl.integration;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.integration.InboundLedger;
import org.clientele.crm.impl.persistence.Jdbc;

/** The inbound ledger in crm_inbound_message, with its primary key as the guard against concurrent twins. */
@ApplicationScoped
public class DefaultInboundLedger implements InboundLedger {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Override
  @Transactional(TxType.MANDATORY)
  public boolean markApplied(String system, String messageKey, String messageType) {
    check(system, messageKey);
    try (Connection c = Jdbc.connection(dataSource)) {
      return InboundLedgerStore.insertIfAbsent(c, system, messageKey, messageType == null ? "unknown" : messageType,
          Instant.now());
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new ConflictException("Message " + messageKey + " from " + system + " is being applied concurrently",
            e);
      }
      throw new IllegalStateException("Inbound ledger failed: " + e.getMessage(), e);
    }
  }

  @Override
  @Transactional(TxType.SUPPORTS)
  public boolean isApplied(String system, String messageKey) {
    check(system, messageKey);
    try (Connection c = Jdbc.connection(dataSource)) {
      return InboundLedgerStore.exists(c, system, messageKey);
    } catch (SQLException e) {
      throw new IllegalStateException("Inbound ledger failed: " + e.getMessage(), e);
    }
  }

  private static void check(String system, String key) {
    if (system == null || system.isBlank() || system.length() > 50) {
      throw new InvalidInputException("system", "must be 1 to 50 characters");
    }
    if (key == null || key.isBlank() || key.length() > 300) {
      throw new InvalidInputException("messageKey", "must be 1 to 300 characters");
    }
  }
}

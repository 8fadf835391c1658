package org.clientele.crm.impl.segment;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.impl.persistence.Jdbc;

/**
 * JDBC work of the segment context in transactions of its own: a membership change commits before its
 * {@code SegmentEntered}/{@code SegmentExited} events are fired, and a recomputation of one segment never waits
 * for (or rolls back with) the caller's unrelated work.
 */
@ApplicationScoped
public class SegmentTransactions {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  /** Runs the work in a new transaction, committed when it returns and rolled back when it throws. */
  @Transactional(TxType.REQUIRES_NEW)
  public <T> T inNewTransaction(Jdbc.Work<T> work) {
    return run(work);
  }

  /** Runs the work in the caller's transaction (for merges and erasures), or in a new one without. */
  @Transactional(TxType.REQUIRED)
  public <T> T inTransaction(Jdbc.Work<T> work) {
    return run(work);
  }

  /** Runs reads outside any transaction. */
  @Transactional(TxType.NOT_SUPPORTED)
  public <T> T read(Jdbc.Work<T> work) {
    return run(work);
  }

  private <T> T run(Jdbc.Work<T> work) {
    try (Connection connection = Jdbc.connection(dataSource)) {
      return work.apply(connection);
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new ConflictException("Conflicting segment data: " + e.getMessage(), e);
      }
      throw new IllegalStateException("Segment storage failed: " + e.getMessage(), e);
    }
  }
}

package org.clientele.crm.impl.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.persistence.sessions.Session;

/**
 * Rows of an entity's table written by one JDBC batch on the transaction's connection, with ids from the entity's
 * own sequence allocation (so they never clash with rows EclipseLink writes). For bulk paths, where a managed entity
 * per row costs more than the row: the caller writes exactly the columns the entity maps.
 */
public final class SequencedRows {

  /** Binds one row's columns after the id (parameter 1, already bound). */
  @FunctionalInterface
  public interface Binder<T> {
    void bind(PreparedStatement insert, T row, long id) throws SQLException;
  }

  private SequencedRows() {}

  /**
   * @param insert an INSERT whose first parameter is the id
   * @param what the rows, for the error ("touchpoints")
   * @throws PersistenceException when the batch fails (a unique key taken meanwhile, as at a flush)
   */
  public static <T> void insert(EntityManager em, Class<?> entity, String insert, List<T> rows, String what,
      Binder<T> binder) {
    if (rows.isEmpty()) {
      return;
    }
    Session session = em.unwrap(Session.class);
    try (PreparedStatement statement = em.unwrap(java.sql.Connection.class).prepareStatement(insert)) {
      for (T row : rows) {
        long id = ((Number) session.getNextSequenceNumberValue(entity)).longValue();
        statement.setLong(1, id);
        binder.bind(statement, row, id);
        statement.addBatch();
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw new PersistenceException("Writing " + rows.size() + " " + what + " failed", e);
    }
  }
}

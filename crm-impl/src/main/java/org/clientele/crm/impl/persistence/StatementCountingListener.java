package org.clientele.crm.impl.persistence;

import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Counts every call EclipseLink sends to the database (queries, native queries, inserts, updates, sequence reads)
 * into the thread's open {@link StatementTally}. Registered for the persistence unit with
 * {@code eclipselink.session-event-listener}; EclipseLink fires {@code preExecuteCall} once per call on the thread
 * that executes it. With batch writing several calls may travel in one JDBC batch: each still counts.
 */
public class StatementCountingListener extends SessionEventAdapter {

  @Override
  public void preExecuteCall(SessionEvent event) {
    StatementTally.record();
  }
}

package org.clientele.crm.impl.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.sessions.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener on a real EclipseLink session (the provider the server runs), on in-memory H2. */
class StatementCountingListenerTest {

  private DatabaseSession session;

  @BeforeEach
  void login() {
    DatabaseLogin login = new DatabaseLogin();
    login.setDriverClassName("org.h2.Driver");
    login.setConnectionString("jdbc:h2:mem:counting_listener;MODE=LEGACY;DB_CLOSE_DELAY=-1");
    login.setUserName("sa");
    login.setPassword("");
    session = new Project(login).createDatabaseSession();
    session.setLogLevel(org.eclipse.persistence.logging.SessionLog.OFF);
    session.getEventManager().addListener(new StatementCountingListener());
    session.login();
    session.executeNonSelectingSQL("CREATE TABLE IF NOT EXISTS u (id INT)");
  }

  @AfterEach
  void logout() {
    session.logout();
  }

  @Test
  void countsEachCallEclipseLinkExecutesOnThisThread() {
    try (StatementTally.Count count = StatementTally.open()) {
      session.executeNonSelectingSQL("INSERT INTO u VALUES (1)");
      session.executeSQL("SELECT id FROM u");
      session.executeSQL("SELECT count(*) FROM u");
      assertThat(count.statements()).isEqualTo(3);
    }
  }

  @Test
  void countsNothingWithoutAnOpenCount() {
    session.executeSQL("SELECT id FROM u");
    try (StatementTally.Count count = StatementTally.open()) {
      assertThat(count.statements()).isZero();
    }
  }
}

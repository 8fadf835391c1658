package org.clientele.crm.impl.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Plain JDBC through {@link Jdbc#connection}: every execution counts while a tally is open, nothing else. */
class CountingConnectionsTest {

  private final DataSource h2 = TestDatabases.freshH2("counting_connections");

  @Test
  void returnsTheDataSourcesConnectionWhenNothingCounts() throws SQLException {
    try (Connection c = Jdbc.connection(h2)) {
      assertThat(Proxy.isProxyClass(c.getClass())).isFalse();
    }
  }

  @Test
  void countsEveryExecutionOfEveryKindOfStatement() throws SQLException {
    try (StatementTally.Count count = StatementTally.open(); Connection c = Jdbc.connection(h2)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, v VARCHAR(10))");
        s.executeUpdate("DELETE FROM t");
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          p.setInt(1, i);
          p.setString(2, "v" + i);
          p.addBatch();
        }
        p.executeBatch(); // one round trip
      }
      try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM t WHERE id > ?")) {
        p.setInt(1, 0);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          assertThat(r.getInt(1)).isEqualTo(3);
        }
      }
      try (CallableStatement call = c.prepareCall("CALL 1")) {
        call.execute();
      }
      assertThat(count.statements()).isEqualTo(5);
    }
  }

  @Test
  void preparingWithoutExecutingCountsNothing() throws SQLException {
    try (StatementTally.Count count = StatementTally.open(); Connection c = Jdbc.connection(h2)) {
      c.prepareStatement("SELECT 1").close();
      c.setAutoCommit(true);
      assertThat(count.statements()).isZero();
    }
  }

  @Test
  void unwrapReachesTheRealConnectionAndFailuresComeThroughUnchanged() throws SQLException {
    try (StatementTally.Count count = StatementTally.open(); Connection c = Jdbc.connection(h2)) {
      assertThat(c.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table")).isInstanceOf(SQLException.class);
      }
      assertThat(count.statements()).isEqualTo(1);
    }
  }
}

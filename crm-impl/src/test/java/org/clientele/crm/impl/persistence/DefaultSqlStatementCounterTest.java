package org.clientele.crm.impl.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.clientele.crm.api.system.SqlStatementCounter;
import org.junit.jupiter.api.Test;

/** Disabled (the production default), the counter opens nothing; enabled, see ReadPathStatementsIT. */
class DefaultSqlStatementCounterTest {

  @Test
  void disabledItCountsNothingAndLeavesTheThreadAlone() {
    DefaultSqlStatementCounter counter = new DefaultSqlStatementCounter();
    assertThat(counter.enabled()).isFalse();
    try (SqlStatementCounter.Measurement measurement = counter.start()) {
      assertThat(StatementTally.counting()).isFalse();
      StatementTally.record();
      assertThat(measurement.statements()).isZero();
      assertThat(measurement.finish("anything")).isZero();
    }
  }
}

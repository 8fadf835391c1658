package org.clientele.crm.impl.segment;

import java.sql.SQLException;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/** Random rules compiled to SQL select on PostgreSQL exactly what the in-memory evaluator selects. */
class SegmentDifferentialPostgresTest {

  @Test
  void compiledRulesAgreeWithTheEvaluator() throws SQLException {
    DifferentialCheck.run("PostgreSQL", TestDatabases.migratedPostgresSchema("crm_unit_seg_differential"),
        DifferentialCheck.seed(), 300, DifferentialCheck.rules(400));
  }
}

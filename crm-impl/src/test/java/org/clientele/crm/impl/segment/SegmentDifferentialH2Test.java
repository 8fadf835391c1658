package org.clientele.crm.impl.segment;

import java.sql.SQLException;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/** Random rules compiled to SQL select on H2 exactly what the in-memory evaluator selects. */
class SegmentDifferentialH2Test {

  @Test
  void compiledRulesAgreeWithTheEvaluator() throws SQLException {
    long seed = DifferentialCheck.seed();
    DifferentialCheck.run("H2", TestDatabases.migratedH2("segment-differential-" + seed), seed, 300,
        DifferentialCheck.rules(600));
  }
}

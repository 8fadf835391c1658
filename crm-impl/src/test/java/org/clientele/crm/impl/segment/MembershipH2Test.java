package org.clientele.crm.impl.segment;

import java.sql.SQLException;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/** Incremental membership equals full recomputation on H2 (see {@link MembershipCheck}). */
class MembershipH2Test {

  @Test
  void incrementalMembershipEqualsFullRecomputation() throws SQLException {
    long seed = DifferentialCheck.seed();
    MembershipCheck.run("H2", TestDatabases.migratedH2("segment-membership-" + seed), seed, 300, 12, 150);
  }
}

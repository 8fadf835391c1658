package org.clientele.crm.impl.segment;

import java.sql.SQLException;
import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/** Incremental membership equals full recomputation on PostgreSQL (see {@link MembershipCheck}). */
class MembershipPostgresTest {

  @Test
  void incrementalMembershipEqualsFullRecomputation() throws SQLException {
    MembershipCheck.run("PostgreSQL", TestDatabases.migratedPostgresSchema("crm_unit_seg_membership"),
        DifferentialCheck.seed(), 300, 12, 150);
  }
}

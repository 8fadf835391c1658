package org.clientele.crm.impl.email;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class InitialSyncStorePostgresTest {

  @Test
  void oneRunningPerAudienceLeasedClaimsCheckpointsAndTheWalk() throws Exception {
    InitialSyncStoreCheck.oneRunningPerAudienceLeasedClaimsCheckpointsAndTheWalk(
        TestDatabases.migratedPostgresSchema("crm_unit_email_initial_syncs"));
  }
}

package org.clientele.crm.impl.email;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class InitialSyncStoreH2Test {

  @Test
  void oneRunningPerAudienceLeasedClaimsCheckpointsAndTheWalk() throws Exception {
    InitialSyncStoreCheck.oneRunningPerAudienceLeasedClaimsCheckpointsAndTheWalk(
        TestDatabases.migratedH2("email-initial-syncs"));
  }
}

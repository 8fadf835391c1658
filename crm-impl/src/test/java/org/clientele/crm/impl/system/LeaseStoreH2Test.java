package org.clientele.crm.impl.system;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class LeaseStoreH2Test {

  @Test
  void acquireRenewTakeOverAndFence() throws Exception {
    LeaseStoreCheck.acquireRenewTakeOverAndFence(TestDatabases.migratedH2("lease-basics"));
  }

  @Test
  void oneWinnerWhenNodesRace() throws Exception {
    LeaseStoreCheck.oneWinnerWhenNodesRace(TestDatabases.migratedH2("lease-race"));
  }
}

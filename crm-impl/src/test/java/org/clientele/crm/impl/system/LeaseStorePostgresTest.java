package org.clientele.crm.impl.system;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class LeaseStorePostgresTest {

  @Test
  void acquireRenewTakeOverAndFence() throws Exception {
    LeaseStoreCheck.acquireRenewTakeOverAndFence(TestDatabases.migratedPostgresSchema("crm_unit_lease"));
  }

  @Test
  void oneWinnerWhenNodesRace() throws Exception {
    LeaseStoreCheck.oneWinnerWhenNodesRace(TestDatabases.migratedPostgresSchema("crm_unit_lease_race"));
  }
}

package org.clientele.crm.impl.store.shopify;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class BackfillStorePostgresTest {

  @Test
  void oneRunningPerShopLeasedClaimsAndCheckpoints() throws Exception {
    BackfillStoreCheck.oneRunningPerShopLeasedClaimsAndCheckpoints(
        TestDatabases.migratedPostgresSchema("crm_unit_store_backfills"));
  }
}

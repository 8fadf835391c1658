package org.clientele.crm.impl.store.shopify;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class BackfillStoreH2Test {

  @Test
  void oneRunningPerShopLeasedClaimsAndCheckpoints() throws Exception {
    BackfillStoreCheck.oneRunningPerShopLeasedClaimsAndCheckpoints(TestDatabases.migratedH2("store-backfills"));
  }
}

package org.clientele.crm.impl.store;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class StoreStoresH2Test {

  @Test
  void deliveriesAreUniquePerEventAndClaimedByOneWorker() throws Exception {
    StoreStoresCheck.deliveriesAreUniquePerEventAndClaimedByOneWorker(TestDatabases.migratedH2("store-deliveries"));
  }

  @Test
  void linksKeepTheNewestVersionAndShopRedaction() throws Exception {
    StoreStoresCheck.linksKeepTheNewestVersionAndShopRedaction(TestDatabases.migratedH2("store-links"));
  }
}

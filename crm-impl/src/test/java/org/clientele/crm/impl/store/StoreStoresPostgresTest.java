package org.clientele.crm.impl.store;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class StoreStoresPostgresTest {

  @Test
  void deliveriesAreUniquePerEventAndClaimedByOneWorker() throws Exception {
    StoreStoresCheck.deliveriesAreUniquePerEventAndClaimedByOneWorker(
        TestDatabases.migratedPostgresSchema("crm_unit_store_deliveries"));
  }

  @Test
  void linksKeepTheNewestVersionAndShopRedaction() throws Exception {
    StoreStoresCheck.linksKeepTheNewestVersionAndShopRedaction(
        TestDatabases.migratedPostgresSchema("crm_unit_store_links"));
  }
}

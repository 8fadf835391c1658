package org.clientele.crm.impl.integration;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class ReliabilityStoresPostgresTest {

  @Test
  void outboxDeliversInOrderPerKeyWithBackoffAndDeadLetters() throws Exception {
    ReliabilityStoresCheck.outboxDeliversInOrderPerKeyWithBackoffAndDeadLetters(
        TestDatabases.migratedPostgresSchema("crm_unit_outbox"));
  }

  @Test
  void inboundLedgerAppliesOnceEvenConcurrently() throws Exception {
    ReliabilityStoresCheck.inboundLedgerAppliesOnceEvenConcurrently(
        TestDatabases.migratedPostgresSchema("crm_unit_inbound"));
  }
}

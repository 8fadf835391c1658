package org.clientele.crm.impl.integration;

import org.clientele.crm.impl.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

class ReliabilityStoresH2Test {

  @Test
  void outboxDeliversInOrderPerKeyWithBackoffAndDeadLetters() throws Exception {
    ReliabilityStoresCheck.outboxDeliversInOrderPerKeyWithBackoffAndDeadLetters(
        TestDatabases.migratedH2("reliability-outbox"));
  }

  @Test
  void inboundLedgerAppliesOnceEvenConcurrently() throws Exception {
    ReliabilityStoresCheck.inboundLedgerAppliesOnceEvenConcurrently(TestDatabases.migratedH2("reliability-inbound"));
  }
}

package org.clientele.crm.impl.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.impl.customer.CustomerDataParticipant;

/**
 * Erasure reaches the outbox: the waiting messages of every erased profile (the survivor and the profiles merged
 * into it) carry the personal data being erased, so they are dropped, and so are that customer's outbound dead
 * letters. The {@code customer.erased} message itself, written after, tells the ERP. Merges leave messages
 * alone: each was a true statement when written, and {@code customer.merged} follows them in order.
 */
@ApplicationScoped
public class OutboxParticipant implements CustomerDataParticipant {

  @Inject DefaultOutbox outbox;

  @Override
  public String name() {
    return "outbox";
  }

  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return List.of();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {}

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {}

  /** Messages waiting for delivery are copies of the profile, exported as the profile itself. */
  @Override
  public List<?> export(long customerId) {
    return List.of();
  }

  @Override
  public void anonymize(long customerId) {
    String key = String.valueOf(customerId);
    for (String target : outbox.targetsOf(key)) {
      outbox.deleteOutboundDeadLetters(target, key);
    }
    outbox.deletePending(key, "customer.erased");
  }
}

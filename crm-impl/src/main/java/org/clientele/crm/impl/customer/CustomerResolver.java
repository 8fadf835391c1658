package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.events.CustomerUpdated;
import org.clientele.crm.impl.audit.AuditLog;

/**
 * What other contexts need of customer identity: the profile an id stands for now (a merged id resolves
 * to its survivor; an unknown or erased one is not found), recognising a lost race, and the attention flag
 * that feedback and follow-up rules raise.
 */
@ApplicationScoped
public class CustomerResolver {

  @Inject DefaultCustomerService customers;

  @Inject AuditLog audit;

  @Inject Event<CustomerUpdated> updated;

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  /** @throws org.clientele.crm.api.ResourceNotFoundException for an unknown or erased customer */
  public long resolve(long customerId) {
    return customers.load(customerId).id();
  }

  /**
   * Resolves the customer and locks its row until the transaction ends, so that decisions taken per
   * customer (open a new conversation or continue one) are not taken twice by concurrent requests.
   */
  public long resolveAndLock(long customerId) {
    long id = resolve(customerId);
    em.lock(em.find(Customer.class, id), LockModeType.PESSIMISTIC_WRITE);
    return id;
  }

  public CustomerProfile profile(long customerId) {
    return customers.profile(customers.load(customerId));
  }

  /** Flags the customer for attention unless already flagged; part of the caller's transaction. */
  public void flagAttention(long customerId, String reason) {
    Customer customer = customers.load(customerId);
    Instant now = Instant.now();
    if (customer.flagAttention(reason, now)) {
      audit.record("customer.attention-flagged", "Customer", customer.id(), reason);
      em.flush(); // the event carries the version the change produced
      updated.fire(new CustomerUpdated(customer.id(), customer.version(), now));
    }
  }

  public void clearAttention(long customerId, String why) {
    Customer customer = customers.load(customerId);
    Instant now = Instant.now();
    if (customer.clearAttention(now)) {
      audit.record("customer.attention-cleared", "Customer", customer.id(), why);
      em.flush(); // the event carries the version the change produced
      updated.fire(new CustomerUpdated(customer.id(), customer.version(), now));
    }
  }

  public boolean isUniqueViolation(Throwable failure) {
    return DefaultCustomerService.isUniqueViolation(failure);
  }

  /**
   * A unique key, a version check or a lock lost to a concurrent transaction (including a deadlock the
   * database broke): the whole attempt may be retried.
   */
  public boolean isLostRace(Throwable failure) {
    return DefaultCustomerService.isUniqueViolation(failure)
        || DefaultCustomerService.isOptimisticLockFailure(failure)
        || DefaultCustomerService.isTransactionRollback(failure);
  }
}

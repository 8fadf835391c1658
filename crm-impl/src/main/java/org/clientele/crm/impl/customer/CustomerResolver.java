package org.clientele.crm.impl.customer;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Map;
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

  @Inject JpaCustomerRepository repository;

  @Inject Event<CustomerUpdated> updated;

  /** The key of the profiles a batch knows, in the transaction's resources. */
  private static final Object KNOWN_PROFILES = new Object();

  @Resource TransactionSynchronizationRegistry registry;

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  /** The key of the customers' links (status, merge target) a batch read up front, in the transaction's resources. */
  private static final Object LINKS = new Object();

  /**
   * Reads the status and merge target of these customers in one query (not the profiles: a batch of touchpoints
   * names up to 500 customers and needs only to know which profile each id stands for), so that resolving each of
   * them afterwards in the same transaction costs no query.
   */
  @SuppressWarnings("unchecked")
  public void preload(java.util.Collection<Long> customerIds) {
    if (customerIds.isEmpty() || registry.getTransactionStatus() != jakarta.transaction.Status.STATUS_ACTIVE) {
      return;
    }
    Map<Long, JpaCustomerRepository.Link> links = (Map<Long, JpaCustomerRepository.Link>) registry.getResource(LINKS);
    if (links == null) {
      links = new java.util.HashMap<>();
      registry.putResource(LINKS, links);
    }
    for (long id : customerIds) {
      links.put(id, null); // unknown, unless found below
    }
    for (JpaCustomerRepository.Link link : repository.findLinks(customerIds)) {
      links.put(link.id(), link);
    }
  }

  /** @throws org.clientele.crm.api.ResourceNotFoundException for an unknown or erased customer */
  @SuppressWarnings("unchecked")
  public long resolve(long customerId) {
    Map<Long, JpaCustomerRepository.Link> links =
        registry.getTransactionStatus() == jakarta.transaction.Status.STATUS_ACTIVE
            ? (Map<Long, JpaCustomerRepository.Link>) registry.getResource(LINKS) : null;
    if (links != null && links.containsKey(customerId)) {
      JpaCustomerRepository.Link link = links.get(customerId);
      if (link == null || link.status() == CustomerStatus.ERASED) {
        throw new org.clientele.crm.api.ResourceNotFoundException("Customer", customerId);
      }
      if (link.status() == CustomerStatus.ACTIVE) {
        return customerId;
      }
    }
    return customers.load(customerId).id(); // not read up front, or merged: follow the chain
  }

  /**
   * Resolves the customer and locks its row until the transaction ends, so that decisions taken per
   * customer (open a new conversation or continue one) are not taken twice by concurrent requests.
   */
  public long resolveAndLock(long customerId) {
    long id = resolve(customerId);
    // one SELECT … FOR UPDATE: the profile is not in the persistence context after a preload (links only)
    em.find(Customer.class, id, LockModeType.PESSIMISTIC_WRITE);
    return id;
  }

  public CustomerProfile profile(long customerId) {
    CustomerProfile known = knownProfiles().get(customerId);
    return known != null ? known : customers.profile(customers.load(customerId));
  }

  /**
   * Profiles a batch has just written, as they now are, for the observers of its events (the outboxes) to take
   * instead of reading each again: until {@link #forgetProfiles}, in the current transaction only.
   */
  void knowProfiles(Map<Long, CustomerProfile> profiles) {
    registry.putResource(KNOWN_PROFILES, profiles);
  }

  void forgetProfiles() {
    registry.putResource(KNOWN_PROFILES, null);
  }

  @SuppressWarnings("unchecked")
  private Map<Long, CustomerProfile> knownProfiles() {
    if (registry.getTransactionStatus() != jakarta.transaction.Status.STATUS_ACTIVE) {
      return Map.of();
    }
    Map<Long, CustomerProfile> known = (Map<Long, CustomerProfile>) registry.getResource(KNOWN_PROFILES);
    return known == null ? Map.of() : known;
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

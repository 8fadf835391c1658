package org.clientele.crm.impl.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.clientele.crm.impl.customer.CustomerDataParticipant;

/**
 * Keeps purchases with their customer through merges, unmerges and erasures. Moves raise each purchase's
 * version, so that a recording that read it before the move fails its optimistic check and retries.
 */
@ApplicationScoped
public class PurchaseParticipant implements CustomerDataParticipant {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Override
  public String name() {
    return "purchases";
  }

  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return em.createNamedQuery("PurchaseRecord.idsOfCustomer", Long.class)
        .setParameter("customer", customerId).getResultList();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {
    em.createQuery("UPDATE PurchaseRecord p SET p.customerId = :to, p.version = p.version + 1"
            + " WHERE p.customerId IN :from")
        .setParameter("to", toCustomer).setParameter("from", fromCustomers)
        .executeUpdate();
  }

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {
    if (!ids.isEmpty()) {
      em.createQuery("UPDATE PurchaseRecord p SET p.customerId = :to, p.version = p.version + 1"
              + " WHERE p.id IN :ids")
          .setParameter("to", toCustomer).setParameter("ids", ids)
          .executeUpdate();
    }
  }

  /**
   * Keeps amounts, currency, dates, statuses, skus, categories and quantities (anonymous aggregates); the
   * order id, line names and refund ids and reasons go (see {@link PurchaseRecord#anonymize}).
   */
  @Override
  public List<?> export(long customerId) {
    return em.createQuery("SELECT p FROM PurchaseRecord p WHERE p.customerId = :c ORDER BY p.placedAt, p.id",
        PurchaseRecord.class).setParameter("c", customerId).getResultList().stream()
        .map(PurchaseMapper::toPurchase).toList();
  }

  @Override
  public void anonymize(long customerId) {
    Instant now = Instant.now();
    em.createNamedQuery("PurchaseRecord.ofCustomer", PurchaseRecord.class)
        .setParameter("customer", customerId).getResultList().forEach(p -> p.anonymize(now));
  }
}

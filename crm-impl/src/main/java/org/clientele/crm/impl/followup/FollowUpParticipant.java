package org.clientele.crm.impl.followup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.clientele.crm.impl.customer.CustomerDataParticipant;

/** Keeps follow-ups with their customer through merges, unmerges and erasures. */
@ApplicationScoped
public class FollowUpParticipant implements CustomerDataParticipant {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Override
  public String name() {
    return "follow-ups";
  }

  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return em.createQuery("SELECT f.id FROM FollowUpRecord f WHERE f.customerId = :c ORDER BY f.id", Long.class)
        .setParameter("c", customerId).getResultList();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {
    em.createQuery("SELECT f FROM FollowUpRecord f WHERE f.customerId IN :from", FollowUpRecord.class)
        .setParameter("from", fromCustomers).getResultList().forEach(f -> f.moveTo(toCustomer));
  }

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {
    if (!ids.isEmpty()) {
      em.createQuery("SELECT f FROM FollowUpRecord f WHERE f.id IN :ids", FollowUpRecord.class)
          .setParameter("ids", ids).getResultList().forEach(f -> f.moveTo(toCustomer));
    }
  }

  /** An erased customer is no longer someone to get back to: open tasks are cancelled, texts go. */
  @Override
  public List<?> export(long customerId) {
    java.time.Instant now = java.time.Instant.now();
    return em.createQuery("SELECT f FROM FollowUpRecord f WHERE f.customerId = :c ORDER BY f.createdAt, f.id",
        FollowUpRecord.class).setParameter("c", customerId).getResultList().stream()
        .map(f -> f.toFollowUp(now)).toList();
  }

  @Override
  public void anonymize(long customerId) {
    java.time.Instant now = java.time.Instant.now();
    em.createQuery("SELECT f FROM FollowUpRecord f WHERE f.customerId = :c", FollowUpRecord.class)
        .setParameter("c", customerId).getResultList().forEach(f -> {
          if (!f.status().isFinal()) {
            f.changeStatus(org.clientele.crm.api.followup.FollowUpStatus.CANCELLED, now);
          }
          f.anonymize();
        });
  }
}

package org.clientele.crm.impl.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.clientele.crm.impl.customer.CustomerDataParticipant;

/** Keeps feedback with its customer through merges, unmerges and erasures. */
@ApplicationScoped
public class FeedbackParticipant implements CustomerDataParticipant {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Override
  public String name() {
    return "feedback";
  }

  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return em.createQuery("SELECT f.id FROM FeedbackRecord f WHERE f.customerId = :c ORDER BY f.id", Long.class)
        .setParameter("c", customerId).getResultList();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {
    em.createQuery("SELECT f FROM FeedbackRecord f WHERE f.customerId IN :from", FeedbackRecord.class)
        .setParameter("from", fromCustomers).getResultList().forEach(f -> f.moveTo(toCustomer));
  }

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {
    if (!ids.isEmpty()) {
      em.createQuery("SELECT f FROM FeedbackRecord f WHERE f.id IN :ids", FeedbackRecord.class)
          .setParameter("ids", ids).getResultList().forEach(f -> f.moveTo(toCustomer));
    }
  }

  @Override
  public List<?> export(long customerId) {
    return em.createQuery("SELECT f FROM FeedbackRecord f WHERE f.customerId = :c ORDER BY f.receivedAt, f.id",
        FeedbackRecord.class).setParameter("c", customerId).getResultList().stream()
        .map(FeedbackRecord::toFeedback).toList();
  }

  @Override
  public void anonymize(long customerId) {
    em.createQuery("SELECT f FROM FeedbackRecord f WHERE f.customerId = :c", FeedbackRecord.class)
        .setParameter("c", customerId).getResultList().forEach(FeedbackRecord::anonymize);
  }
}

package org.clientele.crm.impl.interaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.clientele.crm.impl.customer.CustomerDataParticipant;

/** Keeps interactions with their customer through merges, unmerges and erasures. */
@ApplicationScoped
public class InteractionParticipant implements CustomerDataParticipant {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Override
  public String name() {
    return "interactions";
  }

  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return em.createQuery("SELECT r.id FROM InteractionRecord r WHERE r.customerId = :c ORDER BY r.id", Long.class)
        .setParameter("c", customerId).getResultList();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {
    em.createQuery("UPDATE InteractionRecord r SET r.customerId = :to WHERE r.customerId IN :from")
        .setParameter("to", toCustomer).setParameter("from", fromCustomers).executeUpdate();
  }

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {
    if (!ids.isEmpty()) {
      em.createQuery("UPDATE InteractionRecord r SET r.customerId = :to WHERE r.id IN :ids")
          .setParameter("to", toCustomer).setParameter("ids", ids).executeUpdate();
    }
  }

  /** Keeps channel, type, direction and time (anonymous aggregates); drops every free text. */
  @Override
  public List<?> export(long customerId) {
    return em.createQuery("SELECT r FROM InteractionRecord r WHERE r.customerId = :c ORDER BY r.occurredAt, r.id",
        InteractionRecord.class).setParameter("c", customerId).getResultList().stream()
        .map(InteractionRecorder::toInteraction).toList();
  }

  @Override
  public void anonymize(long customerId) {
    em.createQuery("SELECT r FROM InteractionRecord r WHERE r.customerId = :c", InteractionRecord.class)
        .setParameter("c", customerId).getResultList().forEach(InteractionRecord::anonymize);
  }
}

package org.clientele.crm.impl.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.clientele.crm.impl.customer.CustomerDataParticipant;

/** Keeps conversations with their customer through merges, unmerges and erasures. */
@ApplicationScoped
public class ConversationParticipant implements CustomerDataParticipant {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Override
  public String name() {
    return "conversations";
  }

  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return em.createQuery("SELECT c.id FROM ConversationRecord c WHERE c.customerId = :c ORDER BY c.id", Long.class)
        .setParameter("c", customerId).getResultList();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {
    em.createQuery("SELECT c FROM ConversationRecord c WHERE c.customerId IN :from", ConversationRecord.class)
        .setParameter("from", fromCustomers).getResultList().forEach(c -> c.moveTo(toCustomer));
  }

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {
    if (!ids.isEmpty()) {
      em.createQuery("SELECT c FROM ConversationRecord c WHERE c.id IN :ids", ConversationRecord.class)
          .setParameter("ids", ids).getResultList().forEach(c -> c.moveTo(toCustomer));
    }
  }

  /**
   * Subjects go, and so do thread references (Message-IDs often carry a mailbox name); status and service
   * times stay for the KPIs.
   */
  @Override
  public List<?> export(long customerId) {
    return em.createQuery("SELECT c FROM ConversationRecord c WHERE c.customerId = :c ORDER BY c.openedAt, c.id",
        ConversationRecord.class).setParameter("c", customerId).getResultList().stream()
        .map(ConversationRecord::toConversation).toList();
  }

  @Override
  public void anonymize(long customerId) {
    List<ConversationRecord> owned = em.createQuery("SELECT c FROM ConversationRecord c WHERE c.customerId = :c",
        ConversationRecord.class).setParameter("c", customerId).getResultList();
    owned.forEach(ConversationRecord::anonymize);
    if (!owned.isEmpty()) {
      em.createQuery("DELETE FROM ConversationReference r WHERE r.conversationId IN :ids")
          .setParameter("ids", owned.stream().map(ConversationRecord::id).toList()).executeUpdate();
    }
  }
}

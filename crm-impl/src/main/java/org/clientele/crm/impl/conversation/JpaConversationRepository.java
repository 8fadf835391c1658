package org.clientele.crm.impl.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.conversation.ConversationStatus;

/** Stores conversations and their thread references. */
@ApplicationScoped
public class JpaConversationRepository {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  public Optional<ConversationRecord> find(long id) {
    return Optional.ofNullable(em.find(ConversationRecord.class, id));
  }

  public void store(ConversationRecord conversation) {
    em.persist(conversation);
  }

  public void flush() {
    em.flush();
  }

  /** The conversations the given references lead to, earliest conversation first. */
  public List<Long> findByReferences(Collection<String> references) {
    return em.createQuery("SELECT r.conversationId FROM ConversationReference r WHERE r.reference IN :refs"
        + " ORDER BY r.conversationId", Long.class).setParameter("refs", references).getResultList();
  }

  /** Adds a reference unless known; the primary key stops a concurrent twin (the caller retries). */
  public void storeReference(String reference, long conversationId) {
    if (em.find(ConversationReference.class, reference) == null) {
      em.persist(new ConversationReference(reference, conversationId));
    }
  }

  /** The customer's most recently active conversation that is not resolved and was active since then. */
  public Optional<ConversationRecord> latestUnresolved(long customerId, Instant activeSince) {
    return em.createQuery("SELECT c FROM ConversationRecord c WHERE c.customerId = :customer"
            + " AND c.status <> :resolved AND c.lastActivityAt >= :since ORDER BY c.lastActivityAt DESC, c.id DESC",
            ConversationRecord.class)
        .setParameter("customer", customerId).setParameter("resolved", ConversationStatus.RESOLVED)
        .setParameter("since", activeSince).setMaxResults(1).getResultList().stream().findFirst();
  }

  public List<ConversationRecord> list(Long customerId, Collection<ConversationStatus> statuses, String agent,
      String team, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT c FROM ConversationRecord c WHERE 1 = 1");
    if (customerId != null) {
      jpql.append(" AND c.customerId = :customer");
    }
    if (!statuses.isEmpty()) {
      jpql.append(" AND c.status IN :statuses");
    }
    if (agent != null) {
      jpql.append(" AND c.assignedAgent = :agent");
    }
    if (team != null) {
      jpql.append(" AND c.assignedTeam = :team");
    }
    jpql.append(" ORDER BY c.lastActivityAt DESC, c.id DESC");
    TypedQuery<ConversationRecord> query = em.createQuery(jpql.toString(), ConversationRecord.class);
    if (customerId != null) {
      query.setParameter("customer", customerId);
    }
    if (!statuses.isEmpty()) {
      query.setParameter("statuses", statuses);
    }
    if (agent != null) {
      query.setParameter("agent", agent);
    }
    if (team != null) {
      query.setParameter("team", team);
    }
    return query.setMaxResults(limit).getResultList();
  }
}

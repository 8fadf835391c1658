package org.clientele.crm.impl.followup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.followup.FollowUpStatus;

/** Stores follow-ups and reads work lists. */
@ApplicationScoped
public class JpaFollowUpRepository {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  public Optional<FollowUpRecord> find(long id) {
    return Optional.ofNullable(em.find(FollowUpRecord.class, id));
  }

  public Optional<FollowUpRecord> findByRuleKey(String ruleKey) {
    return em.createQuery("SELECT f FROM FollowUpRecord f WHERE f.ruleKey = :key", FollowUpRecord.class)
        .setParameter("key", ruleKey).getResultList().stream().findFirst();
  }

  public void store(FollowUpRecord followUp) {
    em.persist(followUp);
  }

  public void flush() {
    em.flush();
  }

  /** Open follow-ups of the customer other than {@code except} that keep its attention flag raised. */
  public long openRaisingAttention(long customerId, long except) {
    return em.createQuery("SELECT COUNT(f) FROM FollowUpRecord f WHERE f.customerId = :c AND f.raisesAttention = TRUE"
            + " AND f.status IN :open AND f.id <> :except", Long.class)
        .setParameter("c", customerId).setParameter("except", except)
        .setParameter("open", List.of(FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)).getSingleResult();
  }

  /** A work list page, earliest due first, keyset on (dueAt, id). */
  public List<FollowUpRecord> list(Long customerId, String assignee, Collection<FollowUpStatus> statuses,
      Instant dueBefore, Instant cursorDue, Long cursorId, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT f FROM FollowUpRecord f WHERE f.status IN :statuses");
    if (customerId != null) {
      jpql.append(" AND f.customerId = :customer");
    }
    if (assignee != null) {
      jpql.append(" AND f.assignee = :assignee");
    }
    if (dueBefore != null) {
      jpql.append(" AND f.dueAt < :dueBefore");
    }
    if (cursorDue != null) {
      jpql.append(" AND (f.dueAt > :cursorDue OR (f.dueAt = :cursorDue AND f.id > :cursorId))");
    }
    jpql.append(" ORDER BY f.dueAt, f.id");
    TypedQuery<FollowUpRecord> query = em.createQuery(jpql.toString(), FollowUpRecord.class)
        .setParameter("statuses", statuses);
    if (customerId != null) {
      query.setParameter("customer", customerId);
    }
    if (assignee != null) {
      query.setParameter("assignee", assignee);
    }
    if (dueBefore != null) {
      query.setParameter("dueBefore", dueBefore);
    }
    if (cursorDue != null) {
      query.setParameter("cursorDue", cursorDue).setParameter("cursorId", cursorId);
    }
    return query.setMaxResults(limit).getResultList();
  }

  /**
   * Open conversations whose customer has waited since before {@code waitingBefore} and that have no
   * waiting follow-up for this wait yet, longest waiting first.
   */
  public List<org.clientele.crm.impl.conversation.ConversationRecord> waitingWithoutFollowUp(Instant waitingBefore,
      int limit) {
    return em.createQuery("SELECT c FROM ConversationRecord c WHERE c.status = :open AND c.waitingSince < :before"
            + " AND NOT EXISTS (SELECT f FROM FollowUpRecord f WHERE f.conversationId = c.id"
            + " AND f.reason = :reason AND f.createdAt >= c.waitingSince)"
            + " ORDER BY c.waitingSince, c.id", org.clientele.crm.impl.conversation.ConversationRecord.class)
        .setParameter("open", org.clientele.crm.api.conversation.ConversationStatus.OPEN)
        .setParameter("before", waitingBefore)
        .setParameter("reason", org.clientele.crm.api.followup.FollowUpReason.CONVERSATION_WAITING)
        .setMaxResults(limit).getResultList();
  }
}

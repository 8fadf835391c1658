package org.clientele.crm.impl.interaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.InteractionType;

/** Stores interactions and reads timelines. */
@ApplicationScoped
public class JpaInteractionRepository {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  public void store(InteractionRecord record) {
    em.persist(record);
  }

  public void flush() {
    em.flush();
  }

  /** Already recorded events of one source system among the given event ids. */
  public List<InteractionRecord> findBySource(String sourceSystem, Collection<String> eventIds) {
    return em.createQuery("SELECT r FROM InteractionRecord r WHERE r.sourceSystem = :system"
            + " AND r.sourceEventId IN :ids", InteractionRecord.class)
        .setParameter("system", sourceSystem).setParameter("ids", eventIds).getResultList();
  }

  /**
   * A timeline page, newest first, keyset-paged on (occurredAt, id): everything strictly older than
   * the cursor. One query per page whatever the customer's history.
   */
  public List<InteractionRecord> timeline(long customerId, Set<Channel> channels, Set<InteractionType> types,
      Instant from, Instant to, Instant cursorTime, Long cursorId, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT r FROM InteractionRecord r WHERE r.customerId = :customer");
    if (!channels.isEmpty()) {
      jpql.append(" AND r.channel IN :channels");
    }
    if (!types.isEmpty()) {
      jpql.append(" AND r.type IN :types");
    }
    if (from != null) {
      jpql.append(" AND r.occurredAt >= :from");
    }
    if (to != null) {
      jpql.append(" AND r.occurredAt < :to");
    }
    if (cursorTime != null) {
      jpql.append(" AND (r.occurredAt < :cursorTime OR (r.occurredAt = :cursorTime AND r.id < :cursorId))");
    }
    jpql.append(" ORDER BY r.occurredAt DESC, r.id DESC");
    TypedQuery<InteractionRecord> query = em.createQuery(jpql.toString(), InteractionRecord.class)
        .setParameter("customer", customerId)
        .setMaxResults(limit);
    if (!channels.isEmpty()) {
      query.setParameter("channels", channels);
    }
    if (!types.isEmpty()) {
      query.setParameter("types", types);
    }
    if (from != null) {
      query.setParameter("from", from);
    }
    if (to != null) {
      query.setParameter("to", to);
    }
    if (cursorTime != null) {
      query.setParameter("cursorTime", cursorTime).setParameter("cursorId", cursorId);
    }
    return query.getResultList();
  }
}

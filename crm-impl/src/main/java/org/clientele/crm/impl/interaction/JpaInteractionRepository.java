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
import org.clientele.crm.impl.persistence.SequencedRows;

/** Stores interactions and reads timelines. */
@ApplicationScoped
public class JpaInteractionRepository {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  /** The columns {@link InteractionRecord#bindColumns} binds, after the id. */
  static final String INSERT = "INSERT INTO crm_interaction (id, customer_id, channel, interaction_type, direction,"
      + " occurred_at, subject, summary, attributes, agent, source_system, source_event_id, recorded_at,"
      + " conversation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Writes new touchpoints as one JDBC batch on the transaction's connection, ids from the entity's own sequence
   * allocation ({@link SequencedRows}), after flushing what the persistence context holds (the conversations they join). Touchpoints are
   * written once and never changed by the recording, so managing them as entities would only cost the unit of
   * work's registration, cloning and change sets: a quarter of a batch's CPU. A concurrent recording of the same
   * source event fails the batch on the unique key, as a flush would.
   */
  public void insertAll(List<InteractionRecord> records) {
    em.flush();
    SequencedRows.insert(em, InteractionRecord.class, INSERT, records, "touchpoints", (insert, record, id) -> {
      record.assignId(id);
      record.bindColumns(insert);
    });
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

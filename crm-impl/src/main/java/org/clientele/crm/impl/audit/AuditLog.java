package org.clientele.crm.impl.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.Principal;
import java.time.Instant;
import org.clientele.crm.impl.persistence.Jdbc;
import org.clientele.crm.impl.persistence.SequencedRows;

/**
 * Writes audit events in the caller's transaction, so an audited change and its record commit or roll
 * back together. The actor is the authenticated caller, or {@code system} for routes and timers.
 */
@ApplicationScoped
public class AuditLog {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Inject Principal caller;

  private static final ThreadLocal<String> ACTING = new ThreadLocal<>();

  /**
   * Runs the work with the given actor for its audit events, for work done on behalf of an external system in an
   * unauthenticated request (e.g. a webhook authenticated by its own means), where asking the container for the
   * caller would only log an error.
   */
  public static <T> T actingAs(String actor, java.util.function.Supplier<T> work) {
    String previous = ACTING.get();
    ACTING.set(actor);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        ACTING.remove();
      } else {
        ACTING.set(previous);
      }
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(String action, String entityType, Object entityId, String detail) {
    em.persist(new AuditEvent(Instant.now(), actor(), action, entityType, String.valueOf(entityId),
        Jdbc.truncated(detail)));
  }

  /** One audit event of {@link #recordAll}. */
  public record Entry(String action, String entityType, Object entityId, String detail) {}

  /**
   * The same rows as {@link #record} for each entry, in one JDBC batch on the transaction's connection, with ids
   * from the entity's own sequence allocation: for bulk paths, where a managed entity per row costs more than the
   * row (a 500-customer batch audits 1,000 events).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordAll(java.util.List<Entry> entries) {
    java.time.OffsetDateTime now = Jdbc.at(Instant.now());
    String actor = actor();
    SequencedRows.insert(em, AuditEvent.class, "INSERT INTO crm_audit_event (id,"
        + " occurred_at, actor, action, entity_type, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", entries,
        "audit events", (insert, entry, id) -> {
          insert.setObject(2, now);
          insert.setString(3, actor);
          insert.setString(4, entry.action());
          insert.setString(5, entry.entityType());
          insert.setString(6, String.valueOf(entry.entityId()));
          insert.setString(7, Jdbc.truncated(entry.detail()));
        });
  }

  /** Every audited change of one entity, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.List<AuditEvent> trailOf(String entityType, Object entityId) {
    return em.createQuery("SELECT a FROM AuditEvent a WHERE a.entityType = :type AND a.entityId = :id"
            + " ORDER BY a.occurredAt, a.id", AuditEvent.class)
        .setParameter("type", entityType).setParameter("id", String.valueOf(entityId)).getResultList();
  }

  /** The authenticated caller's name, or {@code system}. */
  public String actor() {
    String acting = ACTING.get();
    if (acting != null) {
      return acting;
    }
    try {
      String name = caller == null ? null : caller.getName();
      return name == null || name.isBlank() || "UNAUTHENTICATED".equals(name) ? "system" : name;
    } catch (RuntimeException e) {
      return "system"; // no security context on this thread (timers, routes)
    }
  }
}

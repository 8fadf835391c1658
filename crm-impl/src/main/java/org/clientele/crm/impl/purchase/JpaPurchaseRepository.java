package org.clientele.crm.impl.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.clientele.crm.api.purchase.PurchaseStatus;

/** Stores purchases and reads them by id, by source order and per customer. */
@ApplicationScoped
public class JpaPurchaseRepository {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  public void store(PurchaseRecord purchase) {
    em.persist(purchase);
  }

  public void flush() {
    em.flush();
  }

  public Optional<PurchaseRecord> find(long id) {
    return Optional.ofNullable(em.find(PurchaseRecord.class, id));
  }

  public Optional<PurchaseRecord> findBySource(String sourceSystem, String orderId) {
    return findBySource(sourceSystem, List.of(orderId)).stream().findFirst();
  }

  /** The stored purchases of one source system among the given order ids. */
  public List<PurchaseRecord> findBySource(String sourceSystem, Collection<String> orderIds) {
    return em.createNamedQuery("PurchaseRecord.bySource", PurchaseRecord.class)
        .setParameter("system", sourceSystem).setParameter("orderIds", orderIds)
        .getResultList();
  }

  /**
   * A page of the customer's purchases, newest first, keyset-paged on (placedAt, id): everything strictly
   * older than the cursor. Uses the index (customer_id, placed_at, id).
   */
  public List<PurchaseRecord> list(long customerId, Instant from, Instant to, Set<PurchaseStatus> statuses,
      Instant cursorTime, Long cursorId, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT p FROM PurchaseRecord p WHERE p.customerId = :customer");
    if (from != null) {
      jpql.append(" AND p.placedAt >= :from");
    }
    if (to != null) {
      jpql.append(" AND p.placedAt < :to");
    }
    if (!statuses.isEmpty()) {
      jpql.append(" AND p.status IN :statuses");
    }
    if (cursorTime != null) {
      jpql.append(" AND (p.placedAt < :cursorTime OR (p.placedAt = :cursorTime AND p.id < :cursorId))");
    }
    jpql.append(" ORDER BY p.placedAt DESC, p.id DESC");
    TypedQuery<PurchaseRecord> query = em.createQuery(jpql.toString(), PurchaseRecord.class)
        .setParameter("customer", customerId)
        .setMaxResults(limit);
    if (from != null) {
      query.setParameter("from", from);
    }
    if (to != null) {
      query.setParameter("to", to);
    }
    if (!statuses.isEmpty()) {
      query.setParameter("statuses", statuses);
    }
    if (cursorTime != null) {
      query.setParameter("cursorTime", cursorTime).setParameter("cursorId", cursorId);
    }
    return readOnlyWithCollections(query).getResultList();
  }

  /**
   * Loads the lines, statuses and refunds of all results with one query each (EclipseLink batch fetching by
   * IN), instead of three per purchase. Only for results that are not changed: EclipseLink registers
   * batch-fetched embeddables in a way its change detection cannot read back (EclipseLink-69 at flush).
   * Hints are ignored by other providers.
   */
  private static TypedQuery<PurchaseRecord> readOnlyWithCollections(TypedQuery<PurchaseRecord> query) {
    return query.setHint("eclipselink.read-only", "true")
        .setHint("eclipselink.batch.type", "IN")
        .setHint("eclipselink.batch", "p.lines")
        .setHint("eclipselink.batch", "p.statuses")
        .setHint("eclipselink.batch", "p.refunds");
  }
}

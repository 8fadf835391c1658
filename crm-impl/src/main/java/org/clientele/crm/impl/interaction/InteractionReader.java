package org.clientele.crm.impl.interaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.clientele.crm.api.interaction.Interaction;

/** Reads touchpoints for other contexts: a conversation's thread, a customer's latest touchpoints. */
@ApplicationScoped
public class InteractionReader {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  public java.util.Optional<Interaction> find(long interactionId) {
    return java.util.Optional.ofNullable(em.find(InteractionRecord.class, interactionId))
        .map(InteractionRecorder::toInteraction);
  }

  /** The conversation's touchpoints, oldest first, at most {@code limit}. */
  public List<Interaction> thread(long conversationId, int limit) {
    return em.createQuery("SELECT r FROM InteractionRecord r WHERE r.conversationId = :c"
            + " ORDER BY r.occurredAt, r.id", InteractionRecord.class)
        .setParameter("c", conversationId).setMaxResults(limit).getResultList().stream()
        .map(InteractionRecorder::toInteraction).toList();
  }

  /** The customer's latest touchpoints on every channel, newest first. */
  public List<Interaction> latest(long customerId, int limit) {
    return em.createQuery("SELECT r FROM InteractionRecord r WHERE r.customerId = :c"
            + " ORDER BY r.occurredAt DESC, r.id DESC", InteractionRecord.class)
        .setParameter("c", customerId).setMaxResults(limit).getResultList().stream()
        .map(InteractionRecorder::toInteraction).toList();
  }
}

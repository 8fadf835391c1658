package org.clientele.crm.impl.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.conversation.Conversation;
import org.clientele.crm.api.conversation.ConversationService;
import org.clientele.crm.api.feedback.FeedbackRecording;
import org.clientele.crm.api.feedback.FeedbackService;
import org.clientele.crm.api.feedback.NewFeedback;
import org.clientele.crm.api.feedback.events.FeedbackReceived;
import org.clientele.crm.api.followup.FollowUpPriority;
import org.clientele.crm.api.followup.FollowUpReason;
import org.clientele.crm.api.interaction.Interaction;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.followup.FollowUpRules;
import org.clientele.crm.impl.interaction.InteractionReader;
import org.clientele.crm.impl.validation.InputValidator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records feedback once per source event. Negative feedback creates its follow-up and flags the customer in
 * the same transaction, so there is never negative feedback without its follow-up.
 */
@ApplicationScoped
@Transactional
public class DefaultFeedbackService implements FeedbackService {

  private static final int ATTEMPTS = 5;

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Inject FeedbackRecorder recorder;

  @Inject CustomerResolver customers;

  @Inject InputValidator validator;

  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public FeedbackRecording record(NewFeedback feedback) {
    validator.check("feedback", feedback);
    if (feedback.score() < feedback.kind().min() || feedback.score() > feedback.kind().max()) {
      throw new InvalidInputException("score", feedback.kind() + " scores range from " + feedback.kind().min()
          + " to " + feedback.kind().max());
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return recorder.attempt(feedback);
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !customers.isLostRace(e)) {
          throw e;
        }
      }
    }
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<org.clientele.crm.api.feedback.Feedback> list(long customerId, int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidInputException("limit", "must be between 1 and 500");
    }
    long id = customers.resolve(customerId);
    return em.createQuery("SELECT f FROM FeedbackRecord f WHERE f.customerId = :c ORDER BY f.receivedAt DESC, f.id DESC",
            FeedbackRecord.class).setParameter("c", id).setMaxResults(limit).getResultList().stream()
        .map(FeedbackRecord::toFeedback).toList();
  }
}

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

/** One attempt in its own transaction; a concurrent twin loses on the unique key and the retry finds it. */
@ApplicationScoped
public class FeedbackRecorder {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Inject CustomerResolver customers;

  @Inject InteractionReader interactions;

  @Inject ConversationService conversations;

  @Inject FeedbackThresholds thresholds;

  @Inject FollowUpRules rules;

  @Inject Event<FeedbackReceived> received;

  @Inject
  @ConfigProperty(name = "crm.followup.negative-feedback.due-within", defaultValue = "PT24H")
  Duration dueWithin;

  @Inject
  @ConfigProperty(name = "crm.followup.default-assignee")
  Optional<String> defaultAssignee;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public FeedbackRecording attempt(NewFeedback n) {
    Optional<FeedbackRecord> known = em.createQuery("SELECT f FROM FeedbackRecord f WHERE f.sourceSystem = :s"
            + " AND f.sourceEventId = :e", FeedbackRecord.class)
        .setParameter("s", n.sourceSystem()).setParameter("e", n.sourceEventId()).getResultList().stream()
        .findFirst();
    if (known.isPresent()) {
      return new FeedbackRecording(known.get().toFeedback(), false);
    }
    long customerId = customers.resolve(n.customerId());
    Long conversationId = n.conversationId();
    if (n.interactionId() != null) {
      Interaction about = interactions.find(n.interactionId())
          .orElseThrow(() -> new ResourceNotFoundException("Interaction", n.interactionId()));
      if (about.customerId() != customerId) {
        throw new InvalidInputException("interactionId", "belongs to another customer");
      }
      if (conversationId == null) {
        conversationId = about.conversationId();
      } else if (about.conversationId() != null && !about.conversationId().equals(conversationId)) {
        throw new InvalidInputException("conversationId", "differs from the interaction's conversation "
            + about.conversationId());
      }
    }
    Conversation conversation = null;
    if (conversationId != null) {
      conversation = conversations.find(conversationId);
      if (conversation.customerId() != customerId) {
        throw new InvalidInputException("conversationId", "belongs to another customer");
      }
    }
    boolean negative = thresholds.isNegative(n.kind(), n.score());
    FeedbackRecord record = new FeedbackRecord(customerId, n, conversationId, negative, Instant.now());
    em.persist(record);
    em.flush();
    if (negative) {
      String assignee = conversation != null && conversation.assignedAgent() != null ? conversation.assignedAgent()
          : defaultAssignee.orElse(null);
      String title = "Negative " + n.kind() + " feedback (" + n.score() + ")";
      rules.createOnce(new FollowUpRules.Request(customerId, conversationId, record.id(),
              FollowUpReason.NEGATIVE_FEEDBACK, "feedback:" + record.id(), title, n.comment(),
              Instant.now().plus(dueWithin),
              assignee, FollowUpPriority.HIGH, true))
          .ifPresent(record::linkFollowUp);
    }
    org.clientele.crm.api.feedback.Feedback view = record.toFeedback();
    received.fire(new FeedbackReceived(view.id(), customerId, view.kind(), view.score(), negative, conversationId,
        view.receivedAt()));
    return new FeedbackRecording(view, true);
  }
}

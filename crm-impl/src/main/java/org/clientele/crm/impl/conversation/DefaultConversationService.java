package org.clientele.crm.impl.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.conversation.AgentContext;
import org.clientele.crm.api.conversation.Assignment;
import org.clientele.crm.api.conversation.Conversation;
import org.clientele.crm.api.conversation.ConversationQuery;
import org.clientele.crm.api.conversation.ConversationService;
import org.clientele.crm.api.conversation.ConversationStatus;
import org.clientele.crm.api.conversation.StatusChange;
import org.clientele.crm.api.conversation.events.ConversationResolved;
import org.clientele.crm.api.followup.FollowUpQuery;
import org.clientele.crm.api.followup.FollowUpService;
import org.clientele.crm.api.interaction.Interaction;
import org.clientele.crm.impl.audit.AuditLog;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.interaction.InteractionReader;
import org.clientele.crm.impl.validation.InputValidator;

/** Reads and steers conversations; recording touchpoints opens and continues them. */
@ApplicationScoped
@Transactional
public class DefaultConversationService implements ConversationService {

  /** A thread longer than this is cut in the agent context (the timeline pages through all of it). */
  static final int THREAD_LIMIT = 500;

  /** Clock skew tolerated for a status change dated by another system. */
  private static final Duration SKEW = Duration.ofMinutes(2);

  @Inject JpaConversationRepository conversations;

  @Inject CustomerResolver customers;

  @Inject InteractionReader interactions;

  @Inject FollowUpService followUps;

  @Inject InputValidator validator;

  @Inject AuditLog audit;

  @Inject Event<ConversationResolved> resolved;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Conversation find(long conversationId) {
    return load(conversationId).toConversation();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Conversation> list(ConversationQuery query) {
    validator.check("query", query);
    Long customer = query.customerId() == null ? null : customers.resolve(query.customerId());
    return conversations.list(customer, query.statuses(), query.agent(), query.team(), query.limit()).stream()
        .map(ConversationRecord::toConversation).toList();
  }

  @Override
  public Conversation assign(long conversationId, Assignment assignment, Long expectedVersion) {
    validator.check("assignment", assignment);
    ConversationRecord conversation = loadForChange(conversationId, expectedVersion);
    conversation.assign(strip(assignment.agent()), strip(assignment.team()));
    conversations.flush();
    audit.record("conversation.assigned", "Conversation", conversationId,
        "agent=" + assignment.agent() + ", team=" + assignment.team());
    return conversation.toConversation();
  }

  @Override
  public Conversation changeStatus(long conversationId, StatusChange change, Long expectedVersion) {
    validator.check("change", change);
    ConversationRecord conversation = loadForChange(conversationId, expectedVersion);
    Instant now = Instant.now();
    Instant at = change.at() == null ? now : change.at();
    if (at.isAfter(now.plus(SKEW))) {
      throw new InvalidInputException("at", "must not lie in the future");
    }
    if (at.isBefore(conversation.openedAt())) {
      throw new InvalidInputException("at", "must not lie before the conversation opened (" + conversation.openedAt()
          + ")");
    }
    ConversationStatus before = conversation.status();
    boolean nowResolved = conversation.changeStatus(change.status(), at);
    conversations.flush();
    if (before != change.status()) {
      audit.record("conversation.status-changed", "Conversation", conversationId, before + " -> " + change.status());
    }
    Conversation view = conversation.toConversation();
    if (nowResolved) {
      resolved.fire(new ConversationResolved(view.id(), view.customerId(), view.resolvedAt(),
          view.resolutionSeconds(), view.assignedAgent(), view.assignedTeam()));
    }
    return view;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public AgentContext context(long conversationId, int historyLimit) {
    if (historyLimit < 1 || historyLimit > 100) {
      throw new InvalidInputException("historyLimit", "must be between 1 and 100");
    }
    ConversationRecord conversation = load(conversationId);
    long customerId = conversation.customerId();
    List<Interaction> thread = interactions.thread(conversationId, THREAD_LIMIT + 1);
    boolean truncated = thread.size() > THREAD_LIMIT;
    List<Conversation> others = conversations.list(customerId,
            Set.of(ConversationStatus.OPEN, ConversationStatus.PENDING), null, null, 20).stream()
        .filter(c -> !c.id().equals(conversation.id())).map(ConversationRecord::toConversation).toList();
    return new AgentContext(conversation.toConversation(), truncated ? thread.subList(0, THREAD_LIMIT) : thread,
        truncated, customers.profile(customerId), interactions.latest(customerId, historyLimit), others,
        followUps.list(new FollowUpQuery(customerId, null, null, false, 50, null)).items());
  }

  private ConversationRecord load(long conversationId) {
    return conversations.find(conversationId)
        .orElseThrow(() -> new ResourceNotFoundException("Conversation", conversationId));
  }

  private ConversationRecord loadForChange(long conversationId, Long expectedVersion) {
    ConversationRecord conversation = load(conversationId);
    if (expectedVersion != null && expectedVersion != conversation.version()) {
      throw new ConcurrentModificationException("Conversation " + conversationId, expectedVersion,
          conversation.version());
    }
    return conversation;
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }
}

package org.clientele.crm.api.conversation;

import java.util.List;

/**
 * Conversations are opened and continued by recording interactions (see
 * {@link org.clientele.crm.api.interaction.NewInteraction}); this service reads and steers them. Available
 * by CDI injection and as
 * {@code java:global/clientele/crm-ejb/ConversationServiceBean!org.clientele.crm.api.conversation.ConversationService}.
 */
public interface ConversationService {

  /** @throws org.clientele.crm.api.ResourceNotFoundException if there is no such conversation */
  Conversation find(long conversationId);

  List<Conversation> list(ConversationQuery query);

  /**
   * Assigns the conversation to an agent and/or a team.
   *
   * @param expectedVersion the version the caller saw, or null to skip the check
   * @throws org.clientele.crm.api.ConcurrentModificationException if the conversation changed since
   */
  Conversation assign(long conversationId, Assignment assignment, Long expectedVersion);

  /**
   * Moves the conversation to a status; resolving records the resolution time and announces
   * {@link org.clientele.crm.api.conversation.events.ConversationResolved} after commit.
   */
  Conversation changeStatus(long conversationId, StatusChange change, Long expectedVersion);

  /**
   * The conversation with its whole thread, the customer's profile and recent cross-channel history.
   *
   * @param historyLimit how many recent touchpoints of the customer to include (1 to 100)
   */
  AgentContext context(long conversationId, int historyLimit);
}

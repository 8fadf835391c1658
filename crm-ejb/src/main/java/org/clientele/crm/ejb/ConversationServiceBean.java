package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.api.conversation.AgentContext;
import org.clientele.crm.api.conversation.Assignment;
import org.clientele.crm.api.conversation.Conversation;
import org.clientele.crm.api.conversation.ConversationQuery;
import org.clientele.crm.api.conversation.ConversationService;
import org.clientele.crm.api.conversation.StatusChange;

/** {@code java:global/clientele/crm-ejb/ConversationServiceBean!org.clientele.crm.api.conversation.ConversationService} */
@Stateless
@Local(ConversationService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConversationServiceBean implements ConversationService {

  @Inject ConversationService delegate;

  @Override
  public Conversation find(long conversationId) {
    return delegate.find(conversationId);
  }

  @Override
  public List<Conversation> list(ConversationQuery query) {
    return delegate.list(query);
  }

  @Override
  public Conversation assign(long conversationId, Assignment assignment, Long expectedVersion) {
    return delegate.assign(conversationId, assignment, expectedVersion);
  }

  @Override
  public Conversation changeStatus(long conversationId, StatusChange change, Long expectedVersion) {
    return delegate.changeStatus(conversationId, change, expectedVersion);
  }

  @Override
  public AgentContext context(long conversationId, int historyLimit) {
    return delegate.context(conversationId, historyLimit);
  }
}

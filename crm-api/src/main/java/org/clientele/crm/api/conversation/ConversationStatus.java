package org.clientele.crm.api.conversation;

/** Where a conversation stands. */
public enum ConversationStatus {
  /** The company has something to do. */
  OPEN,
  /** Waiting on the customer or a third party. */
  PENDING,
  /** Done; a customer reply on one of its threads opens it again. */
  RESOLVED
}

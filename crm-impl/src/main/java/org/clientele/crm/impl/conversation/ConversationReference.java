package org.clientele.crm.impl.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A thread reference (email Message-ID, chat or social thread id) that leads replies to a conversation. */
@Entity
@Table(name = "crm_conversation_ref")
public class ConversationReference {

  @Id
  @Column(name = "reference", length = 300)
  private String reference;

  @Column(name = "conversation_id", nullable = false)
  private long conversationId;

  protected ConversationReference() {}

  ConversationReference(String reference, long conversationId) {
    this.reference = reference;
    this.conversationId = conversationId;
  }

  long conversationId() {
    return conversationId;
  }
}

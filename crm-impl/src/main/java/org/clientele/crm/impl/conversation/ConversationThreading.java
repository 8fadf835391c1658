package org.clientele.crm.impl.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.conversation.events.ConversationOpened;
import org.clientele.crm.api.interaction.Direction;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which conversation a new touchpoint belongs to, in the recording transaction:
 * <ol>
 *   <li>the conversation the caller names;
 *   <li>{@code REFERENCE}: the conversation one of its {@code inReplyTo} references leads to (an email reply,
 *       a chat continuing a thread), whatever the channel;
 *   <li>{@code RECENT_OPEN}: for thread types, the customer's unresolved conversation active within
 *       {@code crm.conversation.continue-within}, so that a social inquiry continued by email or chat stays
 *       one matter;
 *   <li>otherwise an inbound touchpoint of an opening type opens a new conversation; anything else (campaign
 *       events, visits, orders) stays outside conversations.
 * </ol>
 */
@ApplicationScoped
public class ConversationThreading {

  /** The rules besides an explicit conversation id, in the order they are tried. */
  public enum Rule { REFERENCE, RECENT_OPEN }

  @Inject JpaConversationRepository conversations;

  @Inject CustomerResolver customers;

  @Inject Event<ConversationOpened> opened;

  @Inject
  @ConfigProperty(name = "crm.conversation.match-rules", defaultValue = "REFERENCE,RECENT_OPEN")
  List<Rule> rules;

  @Inject
  @ConfigProperty(name = "crm.conversation.continue-within", defaultValue = "P3D")
  Duration continueWithin;

  @Inject
  @ConfigProperty(name = "crm.conversation.opening-types", defaultValue = "INQUIRY,COMPLAINT")
  Set<InteractionType> openingTypes;

  @Inject
  @ConfigProperty(name = "crm.conversation.thread-types", defaultValue = "INQUIRY,COMPLAINT,MESSAGE,CALL,NOTE")
  Set<InteractionType> threadTypes;

  /**
   * Places the touchpoint and counts it in its conversation.
   *
   * @param customerId the resolved customer
   * @param index the touchpoint's position in its batch, for error paths
   * @return the conversation id, or null for a touchpoint outside conversations
   */
  public Long place(long customerId, NewInteraction n, String index) {
    ConversationRecord conversation = choose(customerId, n, index);
    if (conversation == null) {
      return null;
    }
    boolean reopened = conversation.join(n.channel(), n.direction(), n.occurredAt(), n.subject());
    if (n.reference() != null && !n.reference().isBlank()) {
      conversations.storeReference(n.reference().strip(), conversation.id());
    }
    if (reopened) {
      opened.fire(new ConversationOpened(conversation.id(), customerId, n.channel(), n.occurredAt(), true));
    }
    return conversation.id();
  }

  /**
   * Whether placing this touchpoint may lock its customer (the recent-open rule applies to its type). A batch
   * locks all such customers first, in id order, so that two batches naming the same customers in opposite
   * orders queue up instead of deadlocking.
   */
  public boolean mayLockCustomer(NewInteraction n) {
    return n.conversationId() == null && rules.contains(Rule.RECENT_OPEN) && threadTypes.contains(n.type());
  }

  private ConversationRecord choose(long customerId, NewInteraction n, String index) {
    if (n.conversationId() != null) {
      ConversationRecord named = conversations.find(n.conversationId())
          .orElseThrow(() -> new ResourceNotFoundException("Conversation", n.conversationId()));
      if (named.customerId() != customerId) {
        throw new InvalidInputException(index + "conversationId", "belongs to another customer");
      }
      return named;
    }
    for (Rule rule : rules) {
      ConversationRecord found = switch (rule) {
        case REFERENCE -> byReference(customerId, n);
        case RECENT_OPEN -> threadTypes.contains(n.type()) ? recentOpen(customerId, n.occurredAt()) : null;
      };
      if (found != null) {
        return found;
      }
    }
    if (n.direction() != Direction.INBOUND || !openingTypes.contains(n.type())) {
      return null;
    }
    ConversationRecord fresh = new ConversationRecord(customerId, n.subject(), n.channel(), n.occurredAt(), null);
    conversations.store(fresh);
    opened.fire(new ConversationOpened(fresh.id(), customerId, n.channel(), n.occurredAt(), false));
    return fresh;
  }

  /** A reference into another customer's conversation (a forwarded mail) does not cross customers. */
  private ConversationRecord byReference(long customerId, NewInteraction n) {
    if (n.inReplyTo().isEmpty()) {
      return null;
    }
    List<Long> ids = conversations.findByReferences(n.inReplyTo().stream().map(String::strip).toList());
    return ids.stream().map(id -> conversations.find(id).orElse(null))
        .filter(c -> c != null && c.customerId() == customerId).findFirst().orElse(null);
  }

  /**
   * Locks the customer first: two concurrent first messages of the same customer must not open two
   * conversations, and the second must see the first's. Batches lock their customers in id order beforehand
   * ({@link #mayLockCustomer}); should a deadlock still happen, the database breaks it and the recording
   * retries (see {@link CustomerResolver#isLostRace}).
   */
  private ConversationRecord recentOpen(long customerId, Instant at) {
    customers.resolveAndLock(customerId);
    return conversations.latestUnresolved(customerId, at.minus(continueWithin)).orElse(null);
  }
}

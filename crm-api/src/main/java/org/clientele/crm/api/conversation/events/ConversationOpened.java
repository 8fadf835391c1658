package org.clientele.crm.api.conversation.events;

import java.time.Instant;
import org.clientele.crm.api.interaction.Channel;

/** A customer raised a new matter, or one that was resolved came back ({@code reopened}). */
public record ConversationOpened(long conversationId, long customerId, Channel channel, Instant openedAt,
    boolean reopened) {}

package org.clientele.crm.api.conversation;

import java.util.List;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.followup.FollowUp;
import org.clientele.crm.api.interaction.Interaction;

/**
 * Everything an agent needs to pick up a conversation, in one call.
 *
 * @param thread the conversation's interactions, oldest first, whatever their channel
 * @param recentHistory the customer's latest touchpoints on every channel, newest first, in and out of
 *     this conversation
 * @param otherOpenConversations the customer's other conversations that are not resolved
 * @param openFollowUps the customer's follow-ups still to do
 */
public record AgentContext(
    Conversation conversation,
    List<Interaction> thread,
    boolean threadTruncated,
    CustomerProfile customer,
    List<Interaction> recentHistory,
    List<Conversation> otherOpenConversations,
    List<FollowUp> openFollowUps) {}

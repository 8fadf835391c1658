package org.clientele.crm.api.overview;

import java.util.List;
import org.clientele.crm.api.analytics.CustomerValue;
import org.clientele.crm.api.conversation.Conversation;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.followup.FollowUp;
import org.clientele.crm.api.interaction.Interaction;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.segment.SegmentMembership;

/**
 * The 360° view of one customer: the unified profile (identities, contact points, consents, attributes,
 * lifecycle stage, attention flag) with their latest touchpoints on every channel, unresolved conversations,
 * open follow-ups, latest purchases, value and current segment memberships.
 */
public record CustomerOverview(
    CustomerProfile profile,
    List<Interaction> recentInteractions,
    List<Conversation> openConversations,
    List<FollowUp> openFollowUps,
    List<Purchase> recentPurchases,
    CustomerValue value,
    List<SegmentMembership> segments) {}

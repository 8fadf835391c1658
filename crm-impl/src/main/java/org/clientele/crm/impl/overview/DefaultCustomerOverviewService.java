package org.clientele.crm.impl.overview;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clientele.crm.api.segment.SegmentationService;
import jakarta.transaction.Transactional;
import java.util.Set;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.analytics.AnalyticsService;
import org.clientele.crm.api.conversation.ConversationQuery;
import org.clientele.crm.api.conversation.ConversationService;
import org.clientele.crm.api.conversation.ConversationStatus;
import org.clientele.crm.api.followup.FollowUpQuery;
import org.clientele.crm.api.followup.FollowUpService;
import org.clientele.crm.api.overview.CustomerOverview;
import org.clientele.crm.api.overview.CustomerOverviewService;
import org.clientele.crm.api.purchase.PurchaseQuery;
import org.clientele.crm.api.purchase.PurchaseService;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.interaction.InteractionReader;

/**
 * One read transaction, so that the parts agree with each other (a purchase in the list is in the value);
 * each part is an indexed, limited query.
 */
@ApplicationScoped
@Transactional
public class DefaultCustomerOverviewService implements CustomerOverviewService {

  @Inject CustomerResolver customers;

  @Inject InteractionReader interactions;

  @Inject ConversationService conversations;

  @Inject FollowUpService followUps;

  @Inject PurchaseService purchases;

  @Inject AnalyticsService analytics;

  @Inject SegmentationService segmentation;

  @Override
  public CustomerOverview overview(long customerId, int recent) {
    if (recent < 1 || recent > 200) {
      throw new InvalidInputException("recent", "must be between 1 and 200");
    }
    long id = customers.resolve(customerId);
    return new CustomerOverview(
        customers.profile(id),
        interactions.latest(id, recent),
        conversations.list(new ConversationQuery(id, Set.of(ConversationStatus.OPEN, ConversationStatus.PENDING),
            null, null, 50)),
        followUps.list(new FollowUpQuery(id, null, null, false, 50, null)).items(),
        purchases.list(id, new PurchaseQuery(null, null, null, recent, null)).items(),
        analytics.customerValue(id, null),
        segmentation.segmentsOf(id, false));
  }
}

package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.clientele.crm.api.overview.CustomerOverview;
import org.clientele.crm.api.overview.CustomerOverviewService;

/** {@code java:global/clientele/crm-ejb/CustomerOverviewServiceBean!org.clientele.crm.api.overview.CustomerOverviewService} */
@Stateless
@Local(CustomerOverviewService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CustomerOverviewServiceBean implements CustomerOverviewService {

  @Inject CustomerOverviewService delegate;

  @Override
  public CustomerOverview overview(long customerId, int recent) {
    return delegate.overview(customerId, recent);
  }
}

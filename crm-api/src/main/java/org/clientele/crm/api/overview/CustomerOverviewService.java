package org.clientele.crm.api.overview;

/**
 * Available by CDI injection and as
 * {@code java:global/clientele/crm-ejb/CustomerOverviewServiceBean!org.clientele.crm.api.overview.CustomerOverviewService}.
 */
public interface CustomerOverviewService {

  /**
   * @param recent how many of the latest interactions and purchases to include (1 to 200)
   * @throws org.clientele.crm.api.ResourceNotFoundException for an unknown or erased customer (a merged
   *     customer's id gives the survivor's overview)
   */
  CustomerOverview overview(long customerId, int recent);
}

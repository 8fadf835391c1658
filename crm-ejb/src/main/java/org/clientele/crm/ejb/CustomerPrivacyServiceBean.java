package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.clientele.crm.api.customer.CustomerExport;
import org.clientele.crm.api.customer.CustomerPrivacyService;
import org.clientele.crm.api.customer.ErasureReceipt;

/** {@code java:global/clientele/crm-ejb/CustomerPrivacyServiceBean!org.clientele.crm.api.customer.CustomerPrivacyService} */
@Stateless
@Local(CustomerPrivacyService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CustomerPrivacyServiceBean implements CustomerPrivacyService {

  @Inject CustomerPrivacyService delegate;

  @Override
  public CustomerExport export(long customerId) {
    return delegate.export(customerId);
  }

  @Override
  public ErasureReceipt erase(long customerId, String reason) {
    return delegate.erase(customerId, reason);
  }
}

package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.api.customer.CustomerMergeService;
import org.clientele.crm.api.customer.MergeResult;
import org.clientele.crm.api.customer.MergeSummary;

/** {@code java:global/clientele/crm-ejb/CustomerMergeServiceBean!org.clientele.crm.api.customer.CustomerMergeService} */
@Stateless
@Local(CustomerMergeService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CustomerMergeServiceBean implements CustomerMergeService {

  @Inject CustomerMergeService delegate;

  @Override
  public MergeResult merge(long survivorId, List<Long> mergedIds) {
    return delegate.merge(survivorId, mergedIds);
  }

  @Override
  public MergeSummary unmerge(long mergeId) {
    return delegate.unmerge(mergeId);
  }

  @Override
  public List<MergeSummary> mergesOf(long customerId) {
    return delegate.mergesOf(customerId);
  }
}

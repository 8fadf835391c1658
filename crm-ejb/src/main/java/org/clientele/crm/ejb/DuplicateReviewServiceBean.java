package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.api.customer.DuplicateReviewService;
import org.clientele.crm.api.customer.DuplicateSuggestion;
import org.clientele.crm.api.customer.MergeResult;

/** {@code java:global/clientele/crm-ejb/DuplicateReviewServiceBean!org.clientele.crm.api.customer.DuplicateReviewService} */
@Stateless
@Local(DuplicateReviewService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DuplicateReviewServiceBean implements DuplicateReviewService {

  @Inject DuplicateReviewService delegate;

  @Override
  public int detect() {
    return delegate.detect();
  }

  @Override
  public List<DuplicateSuggestion> open(int limit) {
    return delegate.open(limit);
  }

  @Override
  public List<DuplicateSuggestion> openFor(long customerId, int limit) {
    return delegate.openFor(customerId, limit);
  }

  @Override
  public MergeResult accept(long suggestionId, long survivorId) {
    return delegate.accept(suggestionId, survivorId);
  }

  @Override
  public DuplicateSuggestion dismiss(long suggestionId) {
    return delegate.dismiss(suggestionId);
  }
}

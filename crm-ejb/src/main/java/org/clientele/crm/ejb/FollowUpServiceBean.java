package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.clientele.crm.api.followup.FollowUp;
import org.clientele.crm.api.followup.FollowUpChange;
import org.clientele.crm.api.followup.FollowUpPage;
import org.clientele.crm.api.followup.FollowUpQuery;
import org.clientele.crm.api.followup.FollowUpService;
import org.clientele.crm.api.followup.NewFollowUp;
import org.clientele.crm.api.followup.RuleRun;

/** {@code java:global/clientele/crm-ejb/FollowUpServiceBean!org.clientele.crm.api.followup.FollowUpService} */
@Stateless
@Local(FollowUpService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FollowUpServiceBean implements FollowUpService {

  @Inject FollowUpService delegate;

  @Override
  public FollowUp create(NewFollowUp followUp) {
    return delegate.create(followUp);
  }

  @Override
  public FollowUp find(long followUpId) {
    return delegate.find(followUpId);
  }

  @Override
  public FollowUp change(long followUpId, FollowUpChange change, Long expectedVersion) {
    return delegate.change(followUpId, change, expectedVersion);
  }

  @Override
  public FollowUpPage list(FollowUpQuery query) {
    return delegate.list(query);
  }

  @Override
  public RuleRun applyRules() {
    return delegate.applyRules();
  }
}

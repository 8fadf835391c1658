package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.api.interaction.InteractionService;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.api.interaction.Recorded;
import org.clientele.crm.api.interaction.TimelinePage;
import org.clientele.crm.api.interaction.TimelineQuery;

/** {@code java:global/clientele/crm-ejb/InteractionServiceBean!org.clientele.crm.api.interaction.InteractionService} */
@Stateless
@Local(InteractionService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class InteractionServiceBean implements InteractionService {

  @Inject InteractionService delegate;

  @Override
  public Recorded record(NewInteraction interaction) {
    return delegate.record(interaction);
  }

  @Override
  public List<Recorded> recordAll(List<NewInteraction> interactions) {
    return delegate.recordAll(interactions);
  }

  @Override
  public TimelinePage timeline(long customerId, TimelineQuery query) {
    return delegate.timeline(customerId, query);
  }
}

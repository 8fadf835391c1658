package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.CustomerAttributeService;

/** {@code java:global/clientele/crm-ejb/CustomerAttributeServiceBean!org.clientele.crm.api.customer.CustomerAttributeService} */
@Stateless
@Local(CustomerAttributeService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CustomerAttributeServiceBean implements CustomerAttributeService {

  @Inject CustomerAttributeService delegate;

  @Override
  public AttributeDefinition define(AttributeDefinition definition) {
    return delegate.define(definition);
  }

  @Override
  public List<AttributeDefinition> definitions() {
    return delegate.definitions();
  }
}

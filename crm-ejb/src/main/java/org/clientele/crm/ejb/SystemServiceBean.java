package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.clientele.crm.api.system.NodeStatus;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.api.system.SystemStatus;

/** {@code java:global/clientele/crm-ejb/SystemServiceBean!org.clientele.crm.api.system.SystemService} */
@Stateless
@Local(SystemService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SystemServiceBean implements SystemService {

  @Inject SystemService delegate;

  @Override
  public SystemStatus status() {
    return delegate.status();
  }

  @Override
  public NodeStatus recordHeartbeat() {
    return delegate.recordHeartbeat();
  }

  @Override
  public String nodeName() {
    return delegate.nodeName();
  }
}

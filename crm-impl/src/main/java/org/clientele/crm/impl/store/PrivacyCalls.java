package org.clientele.crm.impl.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Optional;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.CustomerExport;
import org.clientele.crm.api.customer.CustomerPrivacyService;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;

/**
 * Reads, exports and erasures of profiles that may be gone (erased or never there), outside the delivery's
 * transaction: a "not found" thrown inside it would mark it rollback-only. Each erasure commits on its own;
 * repeating one is harmless (the profile is then not found).
 */
@ApplicationScoped
@Transactional(TxType.NOT_SUPPORTED)
public class PrivacyCalls {

  @Inject CustomerService customers;

  @Inject CustomerPrivacyService privacy;

  public Optional<CustomerProfile> profile(long customerId) {
    try {
      return Optional.of(customers.get(customerId));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  public Optional<CustomerExport> export(long customerId) {
    try {
      return Optional.of(privacy.export(customerId));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** @return false when there was nothing (left) to erase */
  public boolean erase(long customerId, String reason) {
    try {
      privacy.erase(customerId, reason);
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }
}

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
 * Exports and erasures of profiles that may be gone (erased, or never there) inside the delivery's transaction:
 * whether the profile exists is checked first, outside the transaction, since a "not found" thrown inside it
 * would mark it rollback-only. The erasure then joins the delivery's transaction (its status commits with it).
 */
@ApplicationScoped
public class PrivacyCalls {

  @Inject CustomerService customers;

  @Inject CustomerPrivacyService privacy;

  @Inject PrivacyCalls self;

  /** The profile (a merged id gives the survivor's), or empty when erased or unknown. */
  @Transactional(TxType.NOT_SUPPORTED)
  public Optional<CustomerProfile> profile(long customerId) {
    try {
      return Optional.of(customers.get(customerId));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  public Optional<CustomerExport> export(long customerId) {
    return self.profile(customerId).map(p -> privacy.export(p.id()));
  }

  /** @return false when there was nothing (left) to erase */
  public boolean erase(long customerId, String reason) {
    Optional<CustomerProfile> profile = self.profile(customerId);
    profile.ifPresent(p -> privacy.erase(p.id(), reason));
    return profile.isPresent();
  }
}

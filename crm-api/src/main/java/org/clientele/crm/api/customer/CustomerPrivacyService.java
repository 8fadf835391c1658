package org.clientele.crm.api.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Data subject rights. Available by CDI injection and as
 * {@code java:global/clientele/crm-ejb/CustomerPrivacyServiceBean!org.clientele.crm.api.customer.CustomerPrivacyService}.
 */
public interface CustomerPrivacyService {

  /** Everything stored about the customer (Art. 15/20). */
  CustomerExport export(long customerId);

  /**
   * Erases the customer (Art. 17): personal data is deleted or irreversibly anonymized in every CRM table,
   * the anonymous remainder keeps aggregates consistent, re-creation from stale inbound data with the
   * same identifiers is refused for the configured period, and {@code CustomerErased} is fired for the
   * integrations to propagate.
   *
   * @param reason why, for the audit log (no personal data)
   */
  ErasureReceipt erase(long customerId,
      @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String reason);
}

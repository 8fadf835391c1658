package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.integration.InboundLedger;

/**
 * Applies a mapped consent decision at most once: the ledger entry and the decision share one transaction, so a
 * failure rolls both back. The decision takes effect only if it is the newest for its channel and purpose (the
 * customer service keeps an older one in the history only).
 */
@ApplicationScoped
public class ErpConsentApplier {

  public static final String MESSAGE_TYPE = "consent";

  @Inject InboundLedger ledger;
  @Inject CustomerService customers;

  /**
   * @throws UnresolvedReferenceException when the ERP customer is not known
   * @throws org.clientele.crm.api.ConflictException when a concurrent twin holds the key
   */
  @Transactional
  public ErpOutcome apply(ErpConsent message) {
    long customerId = ErpOrderApplier.resolve(customers, message.erpCustomerId());
    if (!ledger.markApplied(ErpCustomerApplier.SYSTEM, message.messageId(), MESSAGE_TYPE)) {
      return ErpOutcome.DUPLICATE;
    }
    CustomerProfile profile = customers.recordConsent(customerId, message.decision());
    return inForce(profile, message.decision()) ? ErpOutcome.APPLIED : ErpOutcome.STALE;
  }

  /** Whether the decision is the one in force afterwards (not overridden by a newer one). */
  private static boolean inForce(CustomerProfile profile, ConsentDecision decision) {
    if (profile == null || profile.consents() == null) {
      return true;
    }
    return profile.consents().stream()
        .filter(d -> d.channel() == decision.channel() && d.purpose() == decision.purpose())
        .findFirst()
        .map(d -> !d.decidedAt().isAfter(decision.decidedAt()) && d.status() == decision.status())
        .orElse(true);
  }
}

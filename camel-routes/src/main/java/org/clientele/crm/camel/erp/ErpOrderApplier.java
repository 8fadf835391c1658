package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.integration.InboundLedger;
import org.clientele.crm.api.purchase.PurchaseOutcome;
import org.clientele.crm.api.purchase.PurchaseService;

/**
 * Applies a mapped document of the orders queue at most once: an order or invoice is recorded as a version of
 * the ERP's purchase, a credit note as a refund of it.
 *
 * <p>The ledger entry is written in this transaction, but {@code PurchaseService.record} and {@code refund}
 * commit on their own (they do not join it). So the order is: resolve the customer, mark the key, apply the
 * effect (committed), then commit the ledger entry. A failed effect rolls the entry back, and the message is
 * redelivered or parked with nothing applied. If the effect commits and the ledger commit then fails, the
 * redelivery applies it again, which is harmless: recording is an upsert by source and order id (the same version
 * again is {@code UNCHANGED}) and a refund is recorded once per refund id. What can never happen is a ledger entry
 * without its effect.
 */
@ApplicationScoped
public class ErpOrderApplier {

  @Inject InboundLedger ledger;
  @Inject CustomerService customers;
  @Inject PurchaseService purchases;

  /**
   * @throws UnresolvedReferenceException when the ERP customer (or, for a credit note, the order) is not known
   * @throws org.clientele.crm.api.ConflictException when a concurrent twin holds the key, or the refunds would
   *     exceed the total
   * @throws org.clientele.crm.api.InvalidInputException when the CRM refuses the document (nothing is applied)
   */
  @Transactional
  public ErpOutcome apply(ErpOrderMessage message) {
    return message instanceof ErpOrder order ? record(order) : refund((ErpCreditNote) message);
  }

  private ErpOutcome record(ErpOrder order) {
    long customerId = resolve(customers, order.erpCustomerId());
    if (!ledger.markApplied(ErpCustomerApplier.SYSTEM, order.messageId(), order.documentType().canonicalName())) {
      return ErpOutcome.DUPLICATE;
    }
    var recording = purchases.record(order.forCustomer(customerId));
    return recording.outcome() == PurchaseOutcome.STALE ? ErpOutcome.STALE
        : ErpOutcome.APPLIED;
  }

  private ErpOutcome refund(ErpCreditNote creditNote) {
    if (purchases.findBySource(ErpOrderMapping.SOURCE_SYSTEM, creditNote.orderId()).isEmpty()) {
      throw new UnresolvedReferenceException(UnresolvedReferenceException.UNKNOWN_ORDER,
          "ERP order " + creditNote.orderId());
    }
    if (!ledger.markApplied(ErpCustomerApplier.SYSTEM, creditNote.messageId(),
        OrderDocumentType.CREDIT_NOTE.canonicalName())) {
      return ErpOutcome.DUPLICATE;
    }
    purchases.refund(ErpOrderMapping.SOURCE_SYSTEM, creditNote.orderId(), creditNote.refund());
    return ErpOutcome.APPLIED;
  }

  /** The CRM customer of an ERP customer id (a merged one records onto the survivor). */
  static long resolve(CustomerService customers, String erpCustomerId) {
    Optional<CustomerProfile> profile = customers.findByIdentity(
        new ExternalIdentity(CustomerMasterMapping.IDENTITY_SYSTEM, erpCustomerId));
    return profile.map(CustomerProfile::id).orElseThrow(() -> new UnresolvedReferenceException(
        UnresolvedReferenceException.UNKNOWN_CUSTOMER, "ERP customer " + erpCustomerId));
  }
}

package org.clientele.crm.camel.erp;

import org.clientele.crm.api.purchase.NewPurchase;

/**
 * An {@code order} (or {@code invoice}) document after mapping: a version of the order, whose buyer is still the
 * ERP's customer id.
 *
 * @param purchase the version with customer id 0: {@link #forCustomer} puts in the resolved one
 */
public record ErpOrder(String messageId, String erpCustomerId, OrderDocumentType documentType, NewPurchase purchase)
    implements ErpOrderMessage {

  /** The version, recorded for the CRM customer the ERP's customer id resolved to. */
  public NewPurchase forCustomer(long customerId) {
    NewPurchase p = purchase;
    return new NewPurchase(customerId, p.sourceSystem(), p.orderId(), p.status(), p.currency(), p.placedAt(),
        p.sourceUpdatedAt(), p.lines(), p.discountTotal(), p.shippingTotal(), p.taxTotal());
  }
}

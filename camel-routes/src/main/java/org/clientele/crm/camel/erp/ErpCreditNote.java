package org.clientele.crm.camel.erp;

import org.clientele.crm.api.purchase.NewRefund;

/** A {@code creditNote} document after mapping: a refund of the ERP order {@code orderId}. */
public record ErpCreditNote(String messageId, String orderId, NewRefund refund) implements ErpOrderMessage {

  @Override
  public OrderDocumentType documentType() {
    return OrderDocumentType.CREDIT_NOTE;
  }
}

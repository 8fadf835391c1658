package org.clientele.crm.camel.erp;

/** A message from the ERP's orders queue after mapping: an order (or invoice) version, or a credit note. */
public sealed interface ErpOrderMessage permits ErpOrder, ErpCreditNote {

  /** The idempotency key. */
  String messageId();

  OrderDocumentType documentType();
}

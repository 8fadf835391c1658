package org.clientele.crm.camel.erp;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an ERP document on the orders queue is: it decides how it is applied. */
public enum OrderDocumentType {
  /** A version of an order: recorded as a purchase (newest {@code updatedAt} wins). */
  ORDER("order"),
  /** An invoice of an order: a version of the order whose status is {@code PAID} unless it says otherwise. */
  INVOICE("invoice"),
  /** A credit note on an order: recorded as a refund, once per credit note id. */
  CREDIT_NOTE("creditNote");

  private final String canonicalName;

  OrderDocumentType(String canonicalName) {
    this.canonicalName = canonicalName;
  }

  /** The value in the canonical message, and the message type of ledger entries and dead letters. */
  public String canonicalName() {
    return canonicalName;
  }

  static Map<String, OrderDocumentType> byCanonicalName() {
    Map<String, OrderDocumentType> names = new LinkedHashMap<>();
    for (OrderDocumentType type : values()) {
      names.put(type.canonicalName, type);
    }
    return names;
  }
}

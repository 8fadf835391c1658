package org.clientele.crm.api.purchase;

/** Where an order stands, as its source system reports it (or {@link #REFUNDED} after refunds of its total). */
public enum PurchaseStatus {
  PLACED,
  PAID,
  FULFILLED,
  REFUNDED,
  CANCELLED
}

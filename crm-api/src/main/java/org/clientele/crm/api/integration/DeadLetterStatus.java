package org.clientele.crm.api.integration;

/** Where a dead letter stands. */
public enum DeadLetterStatus {
  /** Waiting for an operator. */
  PARKED,
  /** Sent again and applied (inbound) or re-queued for delivery (outbound). */
  REPLAYED,
  /** Dropped on purpose, with a reason. */
  DISCARDED
}

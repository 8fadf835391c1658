package org.clientele.crm.api.store;

/** Where a stored webhook delivery stands. */
public enum StoreDeliveryStatus {
  /** Stored, waiting for (or retrying) processing. */
  RECEIVED,
  PROCESSED,
  /** Not applied on purpose: unsupported topic, stale update, redacted shop; the reason says which. */
  SKIPPED,
  /** Failed every attempt; parked as a dead letter. */
  FAILED
}

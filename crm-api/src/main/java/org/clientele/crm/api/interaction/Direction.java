package org.clientele.crm.api.interaction;

/** Who started the touchpoint. */
public enum Direction {
  /** From the customer. */
  INBOUND,
  /** To the customer. */
  OUTBOUND,
  /** Inside the company, e.g. a note. */
  INTERNAL
}

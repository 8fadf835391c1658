package org.clientele.crm.api.customer;

/** A consent decision. Only {@link #GRANTED} allows contact. */
public enum ConsentStatus {
  GRANTED,
  DENIED,
  /** Asked, waiting for confirmation (double opt-in). */
  PENDING,
  WITHDRAWN;

  /** Whether this status refuses contact; a refusal wins over a grant decided at the same instant. */
  public boolean refuses() {
    return this == DENIED || this == WITHDRAWN;
  }
}

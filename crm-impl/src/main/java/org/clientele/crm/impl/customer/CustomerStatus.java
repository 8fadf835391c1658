package org.clientele.crm.impl.customer;

/** Where a profile row stands. Only ACTIVE profiles are found, matched and listed. */
public enum CustomerStatus {
  ACTIVE,
  /** Merged into another profile, to which its id keeps resolving. */
  MERGED,
  /** Erased: anonymous; its id answers "not found". */
  ERASED
}

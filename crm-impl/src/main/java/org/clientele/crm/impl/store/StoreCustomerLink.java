package org.clientele.crm.impl.store;

import java.time.Instant;

/**
 * What the CRM knows about one store customer.
 *
 * @param customerId the linked CRM profile, or null
 * @param sourceUpdatedAt the store's updated_at of the newest version applied: older versions are stale
 */
public record StoreCustomerLink(String storeCustomerId, Long customerId, Instant sourceUpdatedAt, State state) {

  /** ACTIVE; DELETED by the store; REDACTED (erased on the store's request). */
  public enum State { ACTIVE, DELETED, REDACTED }

  /** Whether a version updated at {@code updatedAt} is older than (or as old as) the one applied. */
  public boolean isNewerThan(Instant updatedAt) {
    return sourceUpdatedAt != null && updatedAt != null && !updatedAt.isAfter(sourceUpdatedAt);
  }
}

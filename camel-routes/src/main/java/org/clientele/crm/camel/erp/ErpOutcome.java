package org.clientele.crm.camel.erp;

import java.util.Locale;

/** What applying an inbound ERP message did; the label is the {@code outcome} tag of its counter. */
public enum ErpOutcome {
  /** Applied (for an order: created, updated, or the same version again). */
  APPLIED,
  /** Older than what the CRM has: kept in the history only, not in force. */
  STALE,
  /** The key was applied before: skipped. */
  DUPLICATE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.clientele.crm.api.purchase;

/** What recording one version of an order did. */
public enum PurchaseOutcome {
  /** The order was new: a purchase was stored. */
  CREATED,
  /** The version was newer than (or as new as, but different from) the stored one and replaced it. */
  UPDATED,
  /** The version was the stored one again: nothing changed. */
  UNCHANGED,
  /**
   * The version was older than the stored one and was not applied (its status still entered the status
   * history at its time); the returned purchase is the stored, newer state.
   */
  STALE
}

package org.clientele.crm.api.customer;

/** Where a customer stands in the relationship. */
public enum LifecycleStage {
  /** Known, but has not bought. */
  LEAD,
  /** Engaged, close to a first purchase. */
  PROSPECT,
  /** Buys regularly. */
  ACTIVE,
  /** Buying less than usual; worth attention. */
  AT_RISK,
  /** Has stopped buying. */
  CHURNED
}

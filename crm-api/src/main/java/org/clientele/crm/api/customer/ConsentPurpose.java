package org.clientele.crm.api.customer;

/** Why a customer would be contacted or their data used. */
public enum ConsentPurpose {
  MARKETING,
  PROFILING,
  SERVICE
}

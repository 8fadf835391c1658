package org.clientele.crm.api.customer;

/** Orders of a customer search; every order ends with the id, so pages are stable. */
public enum CustomerSort {
  ID,
  FAMILY_NAME,
  CREATED_AT,
  UPDATED_AT
}

package org.clientele.crm.api.customer;

/** The kind of a contact point. */
public enum ContactType {
  EMAIL,
  PHONE
}

package org.clientele.crm.api.customer;

/** A channel a customer may be contacted on. */
public enum ConsentChannel {
  EMAIL,
  SMS,
  PHONE,
  POST,
  PUSH
}

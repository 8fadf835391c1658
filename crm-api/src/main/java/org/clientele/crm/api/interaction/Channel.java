package org.clientele.crm.api.interaction;

/** Where a touchpoint happened. */
public enum Channel {
  EMAIL,
  PHONE,
  CHAT,
  SOCIAL,
  WEB,
  STORE,
  IN_PERSON,
  SUPPORT_PORTAL,
  SMS,
  PUSH
}

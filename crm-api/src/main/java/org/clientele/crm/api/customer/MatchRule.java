package org.clientele.crm.api.customer;

/** How registration recognised an existing person, in the order the rules are tried. */
public enum MatchRule {
  EXTERNAL_IDENTITY,
  EMAIL,
  PHONE
}

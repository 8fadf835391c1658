package org.clientele.crm.api.customer;

/** The review state of a duplicate suggestion. */
public enum SuggestionStatus {
  OPEN,
  ACCEPTED,
  DISMISSED
}

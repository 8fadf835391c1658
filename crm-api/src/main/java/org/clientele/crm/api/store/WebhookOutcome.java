package org.clientele.crm.api.store;

/** Outcomes of receiving a webhook delivery. */
public enum WebhookOutcome {
  /** Stored; processed asynchronously (200). */
  ACCEPTED,
  /** An event id already stored: nothing new stored (200). */
  DUPLICATE,
  /** Stored as SKIPPED: a topic the CRM does not process (200, so the store does not retry). */
  IGNORED,
  /** Unknown store kind or shop, missing or wrong signature (401). */
  UNAUTHENTICATED,
  /** The body is not a JSON object, or a required header is missing (400). */
  MALFORMED,
  /** Over the size limit (413). */
  TOO_LARGE
}

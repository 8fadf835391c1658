package org.clientele.crm.api.email;

/** How a run of the engagement import ended. */
public enum EngagementRunOutcome {
  /** Started and not finished (or the server stopped during it). */
  RUNNING,
  /** Every campaign in the window was read. */
  OK,
  /** Some campaigns were refused by the platform (4xx): counted, their checkpoints kept, the others read. */
  PARTIAL,
  /** The platform was overloaded or unreachable (429, 5xx, network): the next run comes after a backoff. */
  RETRY,
  /** The platform refused the run itself (e.g. 401, 403): the next run comes at the normal period. */
  FAILED
}

package org.clientele.crm.api.followup;

/** Why a follow-up exists: created by hand, or by which rule. */
public enum FollowUpReason {
  MANUAL,
  /** Feedback at or below its negative threshold. */
  NEGATIVE_FEEDBACK,
  /** The customer's churn risk crossed its threshold. */
  CHURN_RISK,
  /** A customer has waited for an answer longer than allowed. */
  CONVERSATION_WAITING
}

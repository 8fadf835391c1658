package org.clientele.crm.api.followup;

/** How urgent a follow-up is. */
public enum FollowUpPriority {
  LOW,
  NORMAL,
  HIGH,
  URGENT
}

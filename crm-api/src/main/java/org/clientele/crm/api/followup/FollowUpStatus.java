package org.clientele.crm.api.followup;

/** A follow-up's progress; DONE and CANCELLED are final. */
public enum FollowUpStatus {
  OPEN,
  IN_PROGRESS,
  DONE,
  CANCELLED;

  public boolean isFinal() {
    return this == DONE || this == CANCELLED;
  }
}

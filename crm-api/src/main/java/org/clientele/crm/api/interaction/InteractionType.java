package org.clientele.crm.api.interaction;

/** What kind of touchpoint it was. */
public enum InteractionType {
  INQUIRY,
  COMPLAINT,
  VISIT,
  CALL,
  MESSAGE,
  NOTE,
  CAMPAIGN_SENT,
  CAMPAIGN_OPENED,
  CAMPAIGN_CLICKED,
  CAMPAIGN_BOUNCED,
  UNSUBSCRIBE,
  FEEDBACK,
  ORDER
}

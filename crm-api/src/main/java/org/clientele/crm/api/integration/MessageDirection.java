package org.clientele.crm.api.integration;

/** Whether a message came from an external system or was going to one. */
public enum MessageDirection { INBOUND, OUTBOUND }

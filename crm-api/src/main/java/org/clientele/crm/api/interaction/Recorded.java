package org.clientele.crm.api.interaction;

/**
 * The outcome of recording one touchpoint.
 *
 * @param created false when the event had been recorded before (nothing was stored again)
 */
public record Recorded(Interaction interaction, boolean created) {}

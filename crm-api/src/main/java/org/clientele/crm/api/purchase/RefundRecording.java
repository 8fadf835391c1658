package org.clientele.crm.api.purchase;

/**
 * The result of recording a refund.
 *
 * @param created false when a refund with this id had been recorded before (nothing changed)
 */
public record RefundRecording(Purchase purchase, boolean created) {}

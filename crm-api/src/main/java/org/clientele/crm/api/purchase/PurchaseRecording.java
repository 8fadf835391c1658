package org.clientele.crm.api.purchase;

/**
 * The result of recording one version of an order.
 *
 * @param purchase the purchase as stored afterwards (for {@link PurchaseOutcome#STALE}, the newer stored state)
 */
public record PurchaseRecording(Purchase purchase, PurchaseOutcome outcome) {}

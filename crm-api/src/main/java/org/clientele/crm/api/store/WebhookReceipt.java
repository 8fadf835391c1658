package org.clientele.crm.api.store;

/**
 * What became of a webhook delivery.
 *
 * @param outcome the outcome, which decides the HTTP status
 * @param deliveryId the stored delivery's id (the earlier one for a duplicate), or null when nothing was stored
 * @param detail why it was refused (no payload content), or null
 */
public record WebhookReceipt(WebhookOutcome outcome, Long deliveryId, String detail) {

  public static WebhookReceipt refused(WebhookOutcome outcome, String detail) {
    return new WebhookReceipt(outcome, null, detail);
  }
}

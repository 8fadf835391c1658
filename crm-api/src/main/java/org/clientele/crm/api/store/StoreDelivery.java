package org.clientele.crm.api.store;

import java.time.Instant;

/**
 * A stored webhook delivery (the payload is not part of this view: it holds personal data).
 *
 * @param store the store kind, e.g. {@code shopify}
 * @param shop the shop, e.g. {@code shop-a.myshopify.com}
 * @param lastError why the last attempt failed, or why it was skipped
 */
public record StoreDelivery(long id, String store, String shop, String topic, String eventId, String webhookId,
    Instant triggeredAt, String apiVersion, Instant receivedAt, StoreDeliveryStatus status, int attempts,
    String lastError, Instant processedAt, String correlationId) {}

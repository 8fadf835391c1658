package org.clientele.crm.impl.store;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * What one store kind contributes: how its deliveries are authenticated and identified, and how each topic is
 * applied to the CRM. Implementations are CDI beans; the receiver and the worker find them by {@link #kind()}.
 */
public interface StoreAdapter {

  /** The store kind, lower case, as in the receiver's path: {@code shopify}. */
  String kind();

  /** The largest body accepted, in bytes. */
  long maxBodyBytes();

  /**
   * Checks the delivery's signature over the raw body.
   *
   * @return the shop the delivery is authenticated for, or empty when it is not (unknown shop, missing or
   *     wrong signature)
   */
  Optional<String> authenticate(WebhookHeaders headers, byte[] body);

  /**
   * The delivery's identity from its headers (the shop is the authenticated one).
   *
   * @throws IllegalArgumentException naming the missing header
   */
  DeliveryEnvelope envelope(String shop, WebhookHeaders headers);

  /** The raw shop, topic and event id headers (for logs of refused deliveries; null when absent). */
  String shopHeader(WebhookHeaders headers);

  String topicHeader(WebhookHeaders headers);

  String eventHeader(WebhookHeaders headers);

  /** Whether the topic is processed; others are stored as SKIPPED. */
  boolean supports(String topic);

  /**
   * Applies a delivery, in the caller's transaction (the CRM services it calls may commit on their own: they
   * are idempotent, so a retry after a failure applies nothing twice).
   *
   * @return PROCESSED, or SKIPPED with the reason
   */
  ApplyResult apply(StoredDelivery delivery, JsonObject payload);

  /** Whether the topic is the shop redaction itself (applied even when the shop is already redacted). */
  boolean isShopRedaction(String topic);
}

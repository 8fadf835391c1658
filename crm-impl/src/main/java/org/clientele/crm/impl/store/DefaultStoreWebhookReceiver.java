package org.clientele.crm.impl.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.clientele.crm.api.store.StoreDeliveryStatus;
import org.clientele.crm.api.store.StoreWebhookReceiver;
import org.clientele.crm.api.store.WebhookOutcome;
import org.clientele.crm.api.store.WebhookReceipt;
import org.clientele.crm.impl.integration.ThreadCorrelationContext;

/**
 * Signature first (over the raw bytes), then JSON, then the envelope headers; stores the delivery in a short
 * transaction of its own and nudges the worker. Nothing is stored for a refused delivery.
 */
@ApplicationScoped
public class DefaultStoreWebhookReceiver implements StoreWebhookReceiver {

  private static final Logger LOG = Logger.getLogger(DefaultStoreWebhookReceiver.class.getName());

  @Inject StoreAdapters adapters;

  @Inject DeliveryTransactions transactions;

  @Inject StoreDeliveryWorker worker;

  @Inject StoreMetrics metrics;

  @Inject ThreadCorrelationContext correlation;

  @Override
  public long maxBodyBytes(String store) {
    return adapters.find(store).map(StoreAdapter::maxBodyBytes).orElse(0L);
  }

  @Override
  public WebhookReceipt tooLarge(String store, Map<String, String> headers) {
    Optional<StoreAdapter> adapter = adapters.find(store);
    metrics.count(adapter.map(StoreAdapter::kind).orElse(null), topicTag(adapter, new WebhookHeaders(headers)),
        "rejected-413");
    return WebhookReceipt.refused(WebhookOutcome.TOO_LARGE, "The body is larger than "
        + adapter.map(StoreAdapter::maxBodyBytes).orElse(0L) + " bytes");
  }

  @Override
  public WebhookReceipt receive(String store, Map<String, String> headers, byte[] body) {
    Optional<StoreAdapter> found = adapters.find(store);
    WebhookHeaders h = new WebhookHeaders(headers);
    if (found.isEmpty()) {
      metrics.count(null, null, "rejected-401");
      return WebhookReceipt.refused(WebhookOutcome.UNAUTHENTICATED, "Unknown store kind");
    }
    StoreAdapter adapter = found.get();
    String topicTag = topicTag(found, h);
    if (body == null || body.length > adapter.maxBodyBytes()) {
      return tooLarge(store, headers);
    }
    Optional<String> shop = adapter.authenticate(h, body);
    if (shop.isEmpty()) {
      metrics.count(store, topicTag, "rejected-401");
      // what identifies the delivery, never the payload or the signature
      LOG.warning(() -> "Refused a " + store + " webhook: unknown shop or missing/invalid signature (shop "
          + adapter.shopHeader(h) + ", topic " + adapter.topicHeader(h) + ", event " + adapter.eventHeader(h) + ")");
      return WebhookReceipt.refused(WebhookOutcome.UNAUTHENTICATED,
          "The webhook signature is missing or invalid, or the shop is not configured");
    }
    if (!isJsonObject(body)) {
      metrics.count(store, topicTag, "rejected-400");
      return WebhookReceipt.refused(WebhookOutcome.MALFORMED, "The body is not a JSON object");
    }
    DeliveryEnvelope envelope;
    try {
      envelope = adapter.envelope(shop.get(), h);
    } catch (IllegalArgumentException e) {
      metrics.count(store, topicTag, "rejected-400");
      return WebhookReceipt.refused(WebhookOutcome.MALFORMED, e.getMessage());
    }
    Optional<Long> earlier = transactions.findByEvent(store, envelope.shop(), envelope.eventId());
    if (earlier.isPresent()) {
      metrics.count(store, topicTag, "duplicate");
      return new WebhookReceipt(WebhookOutcome.DUPLICATE, earlier.get(), null);
    }
    boolean supported = adapter.supports(envelope.topic());
    // the sender's X-Correlation-Id when it looks like one (as the REST API takes it), else a new one
    String correlationId = h.get("X-Correlation-Id").filter(v -> v.matches("[A-Za-z0-9._:-]{1,100}"))
        .or(correlation::current).orElseGet(() -> UUID.randomUUID().toString());
    long id;
    try {
      id = transactions.insert(envelope, new String(body, StandardCharsets.UTF_8),
          supported ? StoreDeliveryStatus.RECEIVED : StoreDeliveryStatus.SKIPPED,
          supported ? null : "unsupported topic", correlationId);
    } catch (RuntimeException e) {
      // a concurrent twin won the unique (store, shop, event id): the same answer as a later duplicate
      Optional<Long> twin = transactions.findByEvent(store, envelope.shop(), envelope.eventId());
      if (twin.isPresent()) {
        metrics.count(store, topicTag, "duplicate");
        return new WebhookReceipt(WebhookOutcome.DUPLICATE, twin.get(), null);
      }
      throw e;
    }
    if (!supported) {
      metrics.count(store, topicTag, "ignored");
      return new WebhookReceipt(WebhookOutcome.IGNORED, id, "Topic not processed; stored as SKIPPED");
    }
    metrics.count(store, topicTag, "received");
    worker.nudge();
    return new WebhookReceipt(WebhookOutcome.ACCEPTED, id, null);
  }

  private static String topicTag(Optional<StoreAdapter> adapter, WebhookHeaders h) {
    return adapter.map(a -> {
      String topic = a.topicHeader(h);
      return topic != null && a.supports(topic) ? topic : null;
    }).orElse(null);
  }

  private static boolean isJsonObject(byte[] body) {
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
      return reader.readValue().getValueType() == JsonValue.ValueType.OBJECT;
    } catch (JsonException | IllegalStateException e) {
      return false;
    }
  }
}

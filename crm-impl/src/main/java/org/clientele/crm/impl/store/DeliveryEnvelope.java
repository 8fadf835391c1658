package org.clientele.crm.impl.store;

import java.time.Instant;

/** A delivery's identity as its headers give it. */
public record DeliveryEnvelope(String store, String shop, String topic, String eventId, String webhookId,
    Instant triggeredAt, String apiVersion) {}

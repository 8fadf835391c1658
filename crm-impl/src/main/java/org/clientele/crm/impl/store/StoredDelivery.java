package org.clientele.crm.impl.store;

import java.time.Instant;

/** A stored delivery with its payload, as the worker applies it. */
public record StoredDelivery(long id, String store, String shop, String topic, String eventId, Instant triggeredAt,
    String payload, int attempts, String correlationId) {}

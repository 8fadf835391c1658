package org.clientele.crm.api.store;

/** How many deliveries of a shop and topic are in a status. */
public record StoreDeliveryCount(String store, String shop, String topic, StoreDeliveryStatus status, long count) {}

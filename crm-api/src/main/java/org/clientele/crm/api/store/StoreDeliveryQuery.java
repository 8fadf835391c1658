package org.clientele.crm.api.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Filters for listing deliveries, newest first; null filters match everything.
 *
 * @param afterId keyset paging: only deliveries with a smaller id (the last id of the previous page)
 */
public record StoreDeliveryQuery(String store, String shop, String topic, StoreDeliveryStatus status, Long afterId,
    @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int limit) {}

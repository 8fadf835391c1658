package org.clientele.crm.api.store;

import java.time.Instant;

/**
 * A backfill of a store's history and its progress.
 *
 * @param what CUSTOMERS, ORDERS or BOTH
 * @param mode PAGED (cursor pagination) or BULK (bulk operation)
 * @param status RUNNING, COMPLETED, FAILED or CANCELLED (FAILED and CANCELLED can be resumed)
 * @param phase CUSTOMERS, ORDERS or DONE
 * @param processed customers and orders applied so far (also those skipped as stale)
 * @param estimatedTotal what the store counted when the phases began, or null when unknown
 * @param ratePerSecond items per second in the current (or last) run
 * @param etaSeconds the estimated seconds left while running, else null
 * @param lastError the last failure (also after a retry succeeded), or null
 */
public record StoreBackfill(long id, String store, String shop, String what, String mode, Instant updatedSince,
    String status, String phase, long pages, long customersProcessed, long ordersProcessed, Long customersTotal,
    Long ordersTotal, long processed, Long estimatedTotal, double ratePerSecond, Long etaSeconds,
    Instant createdAt, Instant updatedAt, Instant finishedAt, String lastError) {}

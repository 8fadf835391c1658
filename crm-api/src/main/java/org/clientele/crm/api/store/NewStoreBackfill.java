package org.clientele.crm.api.store;

import java.time.Instant;

/**
 * A backfill to start.
 *
 * @param shop a configured shop domain with an access token
 * @param what customers, orders or both (default both)
 * @param mode paged (default: cursor pagination) or bulk (a bulk operation and its JSONL result)
 * @param updatedSince only what changed since then (optional)
 */
public record NewStoreBackfill(String shop, String what, String mode, Instant updatedSince) {}

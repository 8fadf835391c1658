package org.clientele.crm.api.store;

import java.time.Instant;

/**
 * A backfill to start.
 *
 * @param shop a configured shop domain with an access token
 * @param what customers, orders or both (default both)
 * @param mode paged (default); bulk is not available yet
 * @param updatedSince only what changed since then (optional)
 */
public record NewStoreBackfill(String shop, String what, String mode, Instant updatedSince) {}

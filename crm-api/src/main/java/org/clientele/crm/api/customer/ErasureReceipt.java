package org.clientele.crm.api.customer;

import java.time.Instant;

/**
 * Confirms an erasure.
 *
 * @param blockedUntil until when inbound data with the erased identifiers is refused
 */
public record ErasureReceipt(long customerId, Instant erasedAt, Instant blockedUntil) {}

package org.clientele.crm.api.customer.events;

import java.time.Instant;

/** A profile changed (fields, identities, contact points, tags or attributes); {@code version} is the new one. */
public record CustomerUpdated(long customerId, long version, Instant occurredAt) {}

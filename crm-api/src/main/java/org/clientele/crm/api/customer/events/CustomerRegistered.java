package org.clientele.crm.api.customer.events;

import java.time.Instant;

/** A new profile was created by registration. */
public record CustomerRegistered(long customerId, Instant occurredAt) {}

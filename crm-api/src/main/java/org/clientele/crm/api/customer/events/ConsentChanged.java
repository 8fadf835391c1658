package org.clientele.crm.api.customer.events;

import java.time.Instant;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;

/** The consent in force for a channel and purpose changed. */
public record ConsentChanged(
    long customerId, ConsentChannel channel, ConsentPurpose purpose, ConsentStatus status, Instant decidedAt) {}

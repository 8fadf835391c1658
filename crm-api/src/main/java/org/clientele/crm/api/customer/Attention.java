package org.clientele.crm.api.customer;

import java.time.Instant;

/**
 * The customer needs attention: set by negative feedback or a churn-risk rule, cleared when the follow-ups
 * it raised are done or by hand.
 */
public record Attention(String reason, Instant since) {}

package org.clientele.crm.api.integration;

import java.time.Instant;

/**
 * @param message the request's message, unchanged
 * @param routeId the route that answered
 * @param node the node that answered
 * @param correlationId the correlation id the runtime gave the exchange (it appears in its log lines)
 * @param answeredAt when the route answered
 */
public record PingReply(String message, String routeId, String node, String correlationId, Instant answeredAt) {}

package org.clientele.crm.api.integration;

/**
 * Which dead letters to list, newest first; every criterion is optional.
 *
 * @param afterId the previous page's {@code nextAfterId}
 * @param limit 1 to 200
 */
public record DeadLetterQuery(String system, MessageDirection direction, DeadLetterStatus status, String messageType,
    String routeId, Long afterId, int limit) {}

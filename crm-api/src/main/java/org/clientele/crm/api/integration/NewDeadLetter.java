package org.clientele.crm.api.integration;

import java.util.Map;

/** A message to park: see {@link DeadLetter} for the fields. */
public record NewDeadLetter(MessageDirection direction, String system, String routeId, String messageType,
    String messageKey, String orderingKey, String payload, Map<String, String> headers, String reason,
    String reasonType, int attempts, String correlationId) {

  public NewDeadLetter {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}

package org.clientele.crm.api.integration;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The correlation id of the work the current thread does for one inbound message or request: what the CRM writes
 * for external systems meanwhile (outbox messages) carries it, so that a change can be followed from the message
 * that caused it to the messages it caused. Inbound routes and the REST API set it; an in-process caller (the host
 * ERP) may set its own around its calls. Available by CDI injection.
 */
public interface CorrelationContext {

  /** At most this many characters; longer ids are refused. */
  int MAX_LENGTH = 100;

  /** The id in force on this thread, if any. */
  Optional<String> current();

  /**
   * Runs the work with the id in force, and restores the previous one afterwards.
   *
   * @param correlationId 1 to {@value #MAX_LENGTH} characters; null or blank runs the work with no id
   * @throws org.clientele.crm.api.InvalidInputException if the id is too long
   */
  <T> T call(String correlationId, Supplier<T> work);
}

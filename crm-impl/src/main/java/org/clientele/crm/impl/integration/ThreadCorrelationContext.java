package org.clientele.crm.impl.integration;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.integration.CorrelationContext;

/**
 * The correlation id on a thread-local: the work of one message or request runs on one thread (routes apply
 * synchronously, JAX-RS resources are synchronous), and the id is removed when the work ends, so a pooled thread
 * never carries it into the next piece of work.
 */
@ApplicationScoped
public class ThreadCorrelationContext implements CorrelationContext {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  @Override
  public Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  @Override
  public <T> T call(String correlationId, Supplier<T> work) {
    String id = correlationId == null || correlationId.isBlank() ? null : correlationId.strip();
    if (id != null && id.length() > MAX_LENGTH) {
      throw new InvalidInputException("correlationId", "must be at most " + MAX_LENGTH + " characters");
    }
    String previous = CURRENT.get();
    set(id);
    try {
      return work.get();
    } finally {
      set(previous);
    }
  }

  private static void set(String id) {
    if (id == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(id);
    }
  }
}

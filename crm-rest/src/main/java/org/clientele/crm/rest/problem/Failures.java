package org.clientele.crm.rest.problem;

import java.util.Optional;

/** Recognises failures by what caused them, wherever a container wrapped them. */
final class Failures {

  private Failures() {}

  /**
   * If a JSON parser or binder caused the failure, a client-facing reason: a body that is not JSON, or
   * JSON that does not fit the expected shape (wrong type, unknown value). Recognised by class name so
   * that this module needs no particular JSON implementation.
   */
  static Optional<String> unreadableBody(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("jakarta.json.") || name.contains(".json.") || name.contains("Json")) {
        return Optional.of("The request body is not valid JSON or does not match the expected structure");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** The first cause of the given type, if any. */
  static <T extends Throwable> Optional<T> causeOfType(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}

package org.clientele.crm.api;

import java.util.Objects;

/**
 * One rejected input value.
 *
 * @param field a path to the offending value, e.g. {@code contactPoints[1].value}
 * @param message a readable reason, e.g. {@code must be a valid email address}
 */
public record FieldViolation(String field, String message) {

  public FieldViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}

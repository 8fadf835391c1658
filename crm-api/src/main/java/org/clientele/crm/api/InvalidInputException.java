package org.clientele.crm.api;

import java.util.List;
import java.util.stream.Collectors;

/** Input was rejected before anything was stored; {@link #violations()} says which fields and why. */
public class InvalidInputException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final List<FieldViolation> violations;

  public InvalidInputException(List<FieldViolation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  public InvalidInputException(String field, String message) {
    this(List.of(new FieldViolation(field, message)));
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  @Override
  public String errorCode() {
    return "invalid-input";
  }

  private static String describe(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      return "Invalid input";
    }
    return "Invalid input: " + violations.stream()
        .map(v -> v.field() + " " + v.message())
        .collect(Collectors.joining("; "));
  }
}

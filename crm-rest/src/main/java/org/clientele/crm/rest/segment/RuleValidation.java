package org.clientele.crm.rest.segment;

import java.util.List;
import org.clientele.crm.api.FieldViolation;

/** The answer of {@code POST /segments/validation}: whether a rule may be stored, and if not, why. */
public record RuleValidation(boolean valid, List<FieldViolation> violations) {

  public RuleValidation {
    violations = List.copyOf(violations);
  }
}

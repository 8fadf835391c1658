package org.clientele.crm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

  @Test
  void messageNamesEveryField() {
    var e = new InvalidInputException(List.of(
        new FieldViolation("email", "must be a valid email address"),
        new FieldViolation("phone", "must be a valid phone number")));

    assertThat(e.getMessage())
        .isEqualTo("Invalid input: email must be a valid email address; phone must be a valid phone number");
    assertThat(e.errorCode()).isEqualTo("invalid-input");
  }

  @Test
  void violationsCannotBeChangedAfterwards() {
    var violations = new ArrayList<FieldViolation>();
    violations.add(new FieldViolation("email", "is required"));
    var e = new InvalidInputException(violations);
    violations.clear();

    assertThat(e.violations()).hasSize(1);
    assertThatThrownBy(() -> e.violations().add(new FieldViolation("x", "y")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void fieldViolationRequiresFieldAndMessage() {
    assertThatThrownBy(() -> new FieldViolation(null, "x")).isInstanceOf(NullPointerException.class);
  }
}

package org.clientele.crm.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.JsonbException;
import org.clientele.crm.api.ConflictException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void recognisesAJsonFailureWrappedByTheRuntime() {
    var wrapped = new RuntimeException("reader failed", new JsonbException("Unexpected char"));
    assertThat(Failures.unreadableBody(wrapped)).isPresent();
  }

  @Test
  void otherFailuresAreNotUnreadableBodies() {
    assertThat(Failures.unreadableBody(new IllegalStateException("boom"))).isEmpty();
  }

  @Test
  void findsAWrappedCrmException() {
    var conflict = new ConflictException("duplicate");
    var wrapped = new RuntimeException(new IllegalStateException(conflict));
    assertThat(Failures.causeOfType(wrapped, ConflictException.class)).containsSame(conflict);
  }
}

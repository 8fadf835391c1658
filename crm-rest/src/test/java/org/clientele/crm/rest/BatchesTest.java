package org.clientele.crm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {

  @Test
  void returnMinimalIsFoundAmongOtherPreferencesInAnyCaseAndQuoting() {
    assertThat(Batches.prefersMinimal(List.of("return=minimal"))).isTrue();
    assertThat(Batches.prefersMinimal(List.of("respond-async, wait=10", "Return = \"Minimal\"; foo=bar"))).isTrue();
    assertThat(Batches.prefersMinimal(List.of("handling=lenient,return=minimal"))).isTrue();
  }

  @Test
  void otherPreferencesOrNoneKeepTheRepresentation() {
    assertThat(Batches.prefersMinimal(null)).isFalse();
    assertThat(Batches.prefersMinimal(List.of())).isFalse();
    assertThat(Batches.prefersMinimal(List.of("return=representation"))).isFalse();
    assertThat(Batches.prefersMinimal(List.of("minimal", "return"))).isFalse();
    assertThat(Batches.prefersMinimal(List.of("x-return=minimal"))).isFalse();
  }
}

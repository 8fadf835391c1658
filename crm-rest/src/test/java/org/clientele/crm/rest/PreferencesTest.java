package org.clientele.crm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreferencesTest {

  @Test
  void returnMinimalIsFoundAmongOtherPreferencesInAnyCaseAndQuoting() {
    assertThat(Preferences.prefersMinimal(List.of("return=minimal"))).isTrue();
    assertThat(Preferences.prefersMinimal(List.of("respond-async, wait=10", "Return = \"Minimal\"; foo=bar"))).isTrue();
    assertThat(Preferences.prefersMinimal(List.of("handling=lenient,return=minimal"))).isTrue();
  }

  @Test
  void otherPreferencesOrNoneKeepTheRepresentation() {
    assertThat(Preferences.prefersMinimal(null)).isFalse();
    assertThat(Preferences.prefersMinimal(List.of())).isFalse();
    assertThat(Preferences.prefersMinimal(List.of("return=representation"))).isFalse();
    assertThat(Preferences.prefersMinimal(List.of("minimal", "return"))).isFalse();
    assertThat(Preferences.prefersMinimal(List.of("x-return=minimal"))).isFalse();
  }
}

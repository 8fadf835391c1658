package org.clientele.crm.impl.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatementTallyTest {

  @AfterEach
  void nothingLeftOpen() {
    assertThat(StatementTally.counting()).isFalse();
  }

  @Test
  void recordsNothingWithoutAnOpenCount() {
    StatementTally.record();
    try (StatementTally.Count count = StatementTally.open()) {
      assertThat(count.statements()).isZero();
    }
  }

  @Test
  void countsUntilClosedAndKeepsTheCount() {
    StatementTally.Count count = StatementTally.open();
    StatementTally.record();
    StatementTally.record();
    count.close();
    StatementTally.record();
    assertThat(count.statements()).isEqualTo(2);
    count.close();
  }

  @Test
  void anOuterCountSeesWhatAnInnerOneCounts() {
    try (StatementTally.Count outer = StatementTally.open()) {
      StatementTally.record();
      try (StatementTally.Count inner = StatementTally.open()) {
        StatementTally.record();
        StatementTally.record();
        assertThat(inner.statements()).isEqualTo(2);
      }
      StatementTally.record();
      assertThat(outer.statements()).isEqualTo(4);
      assertThat(StatementTally.counting()).isTrue();
    }
  }

  @Test
  void closingAnOuterCountClosesInnerOnesLeftOpen() {
    StatementTally.Count outer = StatementTally.open();
    StatementTally.Count inner = StatementTally.open();
    outer.close();
    assertThat(StatementTally.counting()).isFalse();
    StatementTally.record();
    assertThat(inner.statements()).isZero();
    inner.close();
    assertThat(StatementTally.counting()).isFalse();
  }

  @Test
  void countsAreThreadConfined() throws InterruptedException {
    try (StatementTally.Count count = StatementTally.open()) {
      AtomicLong seenElsewhere = new AtomicLong(-1);
      Thread other = new Thread(() -> {
        StatementTally.record();
        seenElsewhere.set(StatementTally.counting() ? 1 : 0);
        count.close(); // on another thread: does not end this thread's count
      });
      other.start();
      other.join();
      assertThat(seenElsewhere).hasValue(0);
      assertThat(count.statements()).isZero();
    }
  }
}

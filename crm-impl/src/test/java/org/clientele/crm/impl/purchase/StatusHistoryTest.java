package org.clientele.crm.impl.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.clientele.crm.api.purchase.Purchase.StatusChange;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.clientele.crm.impl.purchase.StatusHistory.Observed;
import org.junit.jupiter.api.Test;

class StatusHistoryTest {

  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = T1.plusSeconds(60);
  private static final Instant T3 = T1.plusSeconds(120);

  @Test
  void changesAreInTimeOrderWhateverTheArrivalOrder() {
    List<Observed> observations = new ArrayList<>(List.of(
        new Observed(PurchaseStatus.FULFILLED, T3), new Observed(PurchaseStatus.PLACED, T1),
        new Observed(PurchaseStatus.PAID, T2)));
    List<StatusChange> expected = List.of(new StatusChange(PurchaseStatus.PLACED, T1),
        new StatusChange(PurchaseStatus.PAID, T2), new StatusChange(PurchaseStatus.FULFILLED, T3));

    assertThat(StatusHistory.changes(observations)).isEqualTo(expected);
    Collections.reverse(observations);
    assertThat(StatusHistory.changes(observations)).isEqualTo(expected);
  }

  @Test
  void aRepeatedStatusCountsFromItsEarliestObservation() {
    assertThat(StatusHistory.changes(List.of(new Observed(PurchaseStatus.PLACED, T2),
        new Observed(PurchaseStatus.PLACED, T1), new Observed(PurchaseStatus.PAID, T3))))
        .containsExactly(new StatusChange(PurchaseStatus.PLACED, T1), new StatusChange(PurchaseStatus.PAID, T3));
  }

  @Test
  void aStatusThatCameBackIsAChangeAgain() {
    assertThat(StatusHistory.changes(List.of(new Observed(PurchaseStatus.PLACED, T1),
        new Observed(PurchaseStatus.PLACED, T3), new Observed(PurchaseStatus.PAID, T2))))
        .extracting(StatusChange::status)
        .containsExactly(PurchaseStatus.PLACED, PurchaseStatus.PAID, PurchaseStatus.PLACED);
  }

  @Test
  void tiesGoInLifecycleOrder() {
    assertThat(StatusHistory.changes(List.of(new Observed(PurchaseStatus.FULFILLED, T1),
        new Observed(PurchaseStatus.PAID, T1))))
        .extracting(StatusChange::status).containsExactly(PurchaseStatus.PAID, PurchaseStatus.FULFILLED);
  }
}

package org.clientele.crm.impl.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.purchase.PurchaseLine;
import org.clientele.crm.api.purchase.PurchaseOutcome;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.junit.jupiter.api.Test;

/** The ordering and refund rules of a purchase, without a database. */
class PurchaseRecordTest {

  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = T1.plusSeconds(3600);
  private static final Instant T3 = T1.plusSeconds(7200);
  private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void theSameVersionAgainIsUnchanged() {
    PurchaseRecord r = stored(version(PurchaseStatus.PLACED, T1, "10.00"), NOW);

    assertThat(r.record(7, version(PurchaseStatus.PLACED, T1, "10.00"), NOW)).isEqualTo(PurchaseOutcome.UNCHANGED);
    assertThat(r.record(7, version(PurchaseStatus.PLACED, T1, "10.000"), NOW))
        .as("the same amount with another scale").isEqualTo(PurchaseOutcome.UNCHANGED);
  }

  @Test
  void aNewerVersionReplacesTheStoredOne() {
    PurchaseRecord r = stored(version(PurchaseStatus.PLACED, T1, "10.00"), NOW);

    assertThat(r.record(7, version(PurchaseStatus.PAID, T2, "12.00"), NOW)).isEqualTo(PurchaseOutcome.UPDATED);

    Purchase view = PurchaseMapper.toPurchase(r);
    assertThat(view.status()).isEqualTo(PurchaseStatus.PAID);
    assertThat(view.total()).hasToString("12.00");
    assertThat(view.sourceUpdatedAt()).isEqualTo(T2);
  }

  @Test
  void anOlderVersionIsNotAppliedButItsStatusEntersTheHistory() {
    PurchaseRecord r = stored(version(PurchaseStatus.FULFILLED, T3, "12.00"), NOW);

    assertThat(r.record(7, version(PurchaseStatus.PLACED, T1, "10.00"), NOW)).isEqualTo(PurchaseOutcome.STALE);
    assertThat(r.record(7, version(PurchaseStatus.PAID, T2, "10.00"), NOW)).isEqualTo(PurchaseOutcome.STALE);
    assertThat(r.record(7, version(PurchaseStatus.PAID, T2, "10.00"), NOW)).isEqualTo(PurchaseOutcome.STALE);

    Purchase view = PurchaseMapper.toPurchase(r);
    assertThat(view.status()).isEqualTo(PurchaseStatus.FULFILLED);
    assertThat(view.total()).hasToString("12.00");
    assertThat(view.statusHistory()).containsExactly(new Purchase.StatusChange(PurchaseStatus.PLACED, T1),
        new Purchase.StatusChange(PurchaseStatus.PAID, T2), new Purchase.StatusChange(PurchaseStatus.FULFILLED, T3));
    assertThat(r.statuses()).as("each observation once").hasSize(3);
  }

  @Test
  void anAppliedVersionNamingAnotherCustomerMovesThePurchaseAStaleOneDoesNot() {
    PurchaseRecord r = stored(version(PurchaseStatus.PLACED, T2, "10.00"), NOW);

    r.record(8, version(PurchaseStatus.PLACED, T1, "10.00"), NOW);
    assertThat(r.customerId()).isEqualTo(7);
    assertThat(r.record(8, version(PurchaseStatus.PLACED, T2, "10.00"), NOW)).isEqualTo(PurchaseOutcome.UPDATED);
    assertThat(r.customerId()).isEqualTo(8);
  }

  @Test
  void refundsAdjustTheTotalsAndAFullRefundMakesItRefunded() {
    PurchaseRecord r = stored(version(PurchaseStatus.PAID, T1, "10.00"), NOW);

    r.addRefund("R1", new BigDecimal("4.00"), T2, null, NOW);
    assertThat(r.netTotal()).isEqualByComparingTo("6.00");
    assertThat(r.status()).isEqualTo(PurchaseStatus.PAID);

    r.addRefund("R2", new BigDecimal("6.00"), T3, "damaged", NOW);
    Purchase view = PurchaseMapper.toPurchase(r);
    assertThat(view.refundedTotal()).hasToString("10.00");
    assertThat(view.netTotal()).hasToString("0.00");
    assertThat(view.status()).isEqualTo(PurchaseStatus.REFUNDED);
    assertThat(view.statusHistory()).extracting(Purchase.StatusChange::status)
        .containsExactly(PurchaseStatus.PAID, PurchaseStatus.REFUNDED);
    assertThat(view.statusHistory().get(1).at()).isEqualTo(T3);

    assertThatThrownBy(() -> r.addRefund("R3", new BigDecimal("0.01"), T3, null, NOW))
        .isInstanceOf(ConflictException.class).hasMessageContaining("exceed");
  }

  @Test
  void aVersionWithATotalBelowTheRefundsIsAConflict() {
    PurchaseRecord r = stored(version(PurchaseStatus.PAID, T1, "10.00"), NOW);
    r.addRefund("R1", new BigDecimal("8.00"), T2, null, NOW);

    assertThatThrownBy(() -> r.record(7, version(PurchaseStatus.PAID, T3, "5.00"), NOW))
        .isInstanceOf(ConflictException.class);
    assertThat(r.total()).isEqualByComparingTo("10.00");
  }

  @Test
  void aFullyRefundedPurchaseStaysRefundedWhenTheSourceRepeatsAnotherStatus() {
    PurchaseRecord r = stored(version(PurchaseStatus.PAID, T1, "10.00"), NOW);
    r.addRefund("R1", new BigDecimal("10.00"), T2, null, NOW);

    assertThat(r.record(7, version(PurchaseStatus.PAID, T1, "10.00"), NOW)).isEqualTo(PurchaseOutcome.UNCHANGED);
    assertThat(r.record(7, version(PurchaseStatus.FULFILLED, T3, "10.00"), NOW)).isEqualTo(PurchaseOutcome.UPDATED);
    assertThat(r.status()).isEqualTo(PurchaseStatus.REFUNDED);
  }

  @Test
  void erasureKeepsAmountsAndDropsTexts() {
    PurchaseRecord r = stored(version(PurchaseStatus.PAID, T1, "10.00"), NOW);
    r.addRefund("re_card_123", new BigDecimal("1.00"), T2, "Anna called", NOW);

    r.anonymize(NOW);

    Purchase view = PurchaseMapper.toPurchase(r);
    assertThat(view.orderId()).startsWith("erased-");
    assertThat(view.lines()).extracting(Purchase.Line::name).containsOnlyNulls();
    assertThat(view.lines()).extracting(Purchase.Line::sku).containsExactly("SKU-1");
    assertThat(view.refunds()).extracting(Purchase.Refund::refundId, Purchase.Refund::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("erased-1", null));
    assertThat(view.total()).hasToString("10.00");
    assertThat(view.netTotal()).hasToString("9.00");
  }

  /** As persisted: with an id. */
  private static PurchaseRecord stored(PricedPurchase first, Instant now) {
    PurchaseRecord record = new PurchaseRecord(7, first, now);
    try {
      java.lang.reflect.Field id = PurchaseRecord.class.getDeclaredField("id");
      id.setAccessible(true);
      id.set(record, 1L);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    return record;
  }

  private static PricedPurchase version(PurchaseStatus status, Instant updatedAt, String price) {
    return PurchaseMoney.price(new NewPurchase(7, "SHOP", "A-1", status, "EUR", T1, updatedAt,
        List.of(new PurchaseLine("SKU-1", "Engraved pen for Anna", "pens", 1, new BigDecimal(price), null)), null, null,
        null), "");
  }
}

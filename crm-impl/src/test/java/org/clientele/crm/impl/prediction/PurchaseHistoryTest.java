package org.clientele.crm.impl.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.clientele.crm.impl.prediction.PurchaseHistory.Order;
import org.junit.jupiter.api.Test;

class PurchaseHistoryTest {

  private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

  @Test
  void validatesTheSufficientStatistics() {
    assertThatThrownBy(() -> PurchaseHistory.of(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PurchaseHistory.of(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PurchaseHistory.of(1, -1, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PurchaseHistory.of(0, 2, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PurchaseHistory(0, 0, 4, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PurchaseHistory(2, 1, 4, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThat(PurchaseHistory.of(3, 4, 4).recency()).isEqualTo(4);
  }

  @Test
  void ordersBecomeDistinctPurchaseDays() {
    List<Order> orders = List.of(
        new Order(JAN_1, 50), // first purchase: not part of the repeat mean
        new Order(JAN_1.plusDays(10), 20),
        new Order(JAN_1.plusDays(10), 10), // same day: one purchase worth 30
        new Order(JAN_1.plusDays(30), 60),
        new Order(JAN_1.plusDays(90), 999)); // on the window end: holdout, ignored

    PurchaseHistory h = PurchaseHistory.fromOrders(orders, JAN_1.plusDays(90));

    assertThat(h.x()).isEqualTo(2);
    assertThat(h.recency()).isEqualTo(30);
    assertThat(h.age()).isEqualTo(90);
    assertThat(h.monetaryValue()).isCloseTo(45, within(1e-12));
    assertThat(PurchaseHistory.purchaseDays(orders, JAN_1.plusDays(10), JAN_1.plusDays(91))).isEqualTo(3);
    assertThat(PurchaseHistory.purchaseDays(orders, JAN_1.plusDays(90), JAN_1.plusDays(180))).isEqualTo(1);
  }

  @Test
  void aSingleOrderIsAHistoryWithoutRepeatPurchases() {
    PurchaseHistory h = PurchaseHistory.fromOrders(List.of(new Order(JAN_1.plusDays(89), 80)), JAN_1.plusDays(90));

    assertThat(h).isEqualTo(new PurchaseHistory(0, 0, 1, 0));
  }

  @Test
  void predictionsNeedAtLeastOnePurchase() {
    assertThatThrownBy(() -> PurchaseHistory.fromOrders(List.of(new Order(JAN_1.plusDays(100), 5)), JAN_1))
        .isInstanceOf(InsufficientHistoryException.class)
        .hasMessage("a customer prediction needs at least 1 purchase, found 0");
  }
}

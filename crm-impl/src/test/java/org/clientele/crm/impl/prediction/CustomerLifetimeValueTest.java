package org.clientele.crm.impl.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CustomerLifetimeValueTest {

  private static final BgNbdModel PURCHASES = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
  private static final GammaGammaModel SPEND = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
  private static final CustomerLifetimeValue CLV = new CustomerLifetimeValue(PURCHASES, SPEND);
  private static final PurchaseHistory CUSTOMER_ONE = new PurchaseHistory(2, 30.43, 38.86, 22.35);

  @Test
  void valueIsExpectedPurchasesTimesExpectedSpend() {
    // 1.22602817… purchases in the next 39 weeks × 24.66371… per purchase
    assertThat(CLV.value(CUSTOMER_ONE, 39)).isCloseTo(30.2384081489895, within(1e-9));
    // a one-time buyer is valued at the population mean spend
    PurchaseHistory oneTimer = PurchaseHistory.of(0, 0, 30);
    assertThat(CLV.value(oneTimer, 39)).isCloseTo(
        PURCHASES.conditionalExpectedPurchases(39, oneTimer) * SPEND.populationMeanValue(), within(1e-12));
  }

  @Test
  void discountingWeighsEachPeriodsPurchasesByItsDiscountFactor() {
    double e1 = PURCHASES.conditionalExpectedPurchases(1, CUSTOMER_ONE);
    double e2 = PURCHASES.conditionalExpectedPurchases(2, CUSTOMER_ONE);
    double e25 = PURCHASES.conditionalExpectedPurchases(2.5, CUSTOMER_ONE);
    double spend = SPEND.conditionalExpectedAverageValue(CUSTOMER_ONE);
    double d = 0.01;

    assertThat(CLV.value(CUSTOMER_ONE, 2, d)).isCloseTo((e1 / 1.01 + (e2 - e1) / (1.01 * 1.01)) * spend,
        within(1e-12));
    // a trailing partial period is discounted as a whole one
    assertThat(CLV.value(CUSTOMER_ONE, 2.5, d)).isCloseTo(
        (e1 / 1.01 + (e2 - e1) / Math.pow(1.01, 2) + (e25 - e2) / Math.pow(1.01, 3)) * spend, within(1e-12));
  }

  @Test
  void discountingOnlyEverLowersTheValue() {
    double undiscounted = CLV.value(CUSTOMER_ONE, 365);
    assertThat(CLV.value(CUSTOMER_ONE, 365, 0)).isEqualTo(undiscounted);
    assertThat(CLV.value(CUSTOMER_ONE, 365, 1e-9)).isCloseTo(undiscounted, within(365e-9 * undiscounted));
    double tenPercentAYear = Math.pow(1.10, 1 / 365.0) - 1;
    double discounted = CLV.value(CUSTOMER_ONE, 365, tenPercentAYear);
    assertThat(discounted).isLessThan(undiscounted).isGreaterThan(undiscounted / 1.10);
    assertThatThrownBy(() -> CLV.value(CUSTOMER_ONE, 365, -0.1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void churnIsTheComplementOfBeingAlive() {
    assertThat(CLV.churnProbability(CUSTOMER_ONE)).isCloseTo(1 - 0.726578570080673, within(1e-12));
    assertThat(CLV.churnProbability(PurchaseHistory.of(0, 0, 30))).isZero();
  }

  @Test
  void purchaseRateIfAliveIsThePosteriorMeanOfLambda() {
    // (r + x)/(α + T) = 2.243 / 43.274 purchases a week: about one every 19.3 weeks
    assertThat(PurchaseRate.meanRateIfAlive(PURCHASES, CUSTOMER_ONE)).isCloseTo(2.243 / 43.274, within(1e-12));
    assertThat(PurchaseRate.expectedTimeBetweenPurchasesIfAlive(PURCHASES, CUSTOMER_ONE))
        .isCloseTo(43.274 / 2.243, within(1e-12));

    // in days: 1 purchase in the first 20 days with r = 0.5, α = 10 → (1.5)/(30) per day, next one 20 days on
    BgNbdModel daily = new BgNbdModel(new BgNbdParameters(0.5, 10, 0.8, 2.5));
    PurchaseHistory h = PurchaseHistory.of(1, 5, 20);
    assertThat(PurchaseRate.expectedNextPurchaseDayIfAlive(daily, h, java.time.LocalDate.of(2026, 3, 1)))
        .isEqualTo(java.time.LocalDate.of(2026, 3, 21));
  }
}

package org.clientele.crm.impl.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackTestTest {

  @Test
  void comparesForecastAndNaiveBaselineWithTheActualHoldout() {
    PurchaseHistory steady = PurchaseHistory.of(2, 8, 10); // rate 0.2: naïve 1.0 over 5
    PurchaseHistory quiet = PurchaseHistory.of(0, 0, 5); // rate 0: naïve 0
    PurchaseHistory lapsed = PurchaseHistory.of(4, 6, 20); // rate 0.2: naïve 1.0
    Map<PurchaseHistory, Double> forecast = Map.of(steady, 1.5, quiet, 0.5, lapsed, 0.25);
    List<HoldoutObservation> holdout = List.of(
        new HoldoutObservation(steady, 1), new HoldoutObservation(quiet, 2), new HoldoutObservation(lapsed, 0));

    BackTestReport report = BackTest.run((h, t) -> forecast.get(h), holdout, 5);

    assertThat(report.customers()).isEqualTo(3);
    assertThat(report.holdoutLength()).isEqualTo(5);
    // |1.5 − 1| + |0.5 − 2| + |0.25 − 0| = 2.25 over 3 customers
    assertThat(report.meanAbsoluteError()).isCloseTo(0.75, within(1e-12));
    assertThat(report.totalPredicted()).isCloseTo(2.25, within(1e-12));
    assertThat(report.totalActual()).isEqualTo(3);
    // |1 − 1| + |0 − 2| + |1 − 0| = 3 over 3 customers
    assertThat(report.baselineMeanAbsoluteError()).isCloseTo(1.0, within(1e-12));
    assertThat(report.baselineTotalPredicted()).isCloseTo(2.0, within(1e-12));
    assertThat(report.beatsBaseline()).isTrue();
  }

  @Test
  void backTestsTheBgNbdConditionalExpectation() {
    BgNbdModel model = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
    PurchaseHistory customerOne = PurchaseHistory.of(2, 30.43, 38.86);

    BackTestReport report = BackTest.run(model, List.of(new HoldoutObservation(customerOne, 1)), 39);

    assertThat(report.totalPredicted()).isCloseTo(1.22602817476714, within(1e-10));
    assertThat(report.meanAbsoluteError()).isCloseTo(0.22602817476714, within(1e-10));
    assertThat(report.baselineTotalPredicted()).isCloseTo(2 / 38.86 * 39, within(1e-12));
  }

  @Test
  void rejectsAnEmptyOrZeroLengthHoldout() {
    BgNbdModel model = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
    assertThatThrownBy(() -> BackTest.run(model, List.of(), 39)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BackTest.run(model,
        List.of(new HoldoutObservation(PurchaseHistory.of(0, 0, 1), 0)), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HoldoutObservation(PurchaseHistory.of(0, 0, 1), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

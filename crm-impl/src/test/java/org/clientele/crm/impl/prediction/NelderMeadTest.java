package org.clientele.crm.impl.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NelderMeadTest {

  @Test
  void findsTheRosenbrockValley() {
    NelderMead.Result r = new NelderMead(0.5, 1e-14, 20_000, 5)
        .minimize(p -> 100 * Math.pow(p[1] - p[0] * p[0], 2) + Math.pow(1 - p[0], 2), new double[] {-1.2, 1});

    assertThat(r.converged()).isTrue();
    assertThat(r.point()[0]).isCloseTo(1, within(1e-5));
    assertThat(r.point()[1]).isCloseTo(1, within(1e-5));
  }

  @Test
  void treatsUndefinedValuesAsWorseThanAnyDefinedOne() {
    // undefined (NaN) left of x = 0; the first reflections from the start land there
    NelderMead.Result r = new NelderMead(3, 1e-12, 10_000, 5)
        .minimize(p -> p[0] < 0 ? Double.NaN : Math.pow(p[0] - 0.5, 2) + Math.pow(p[1] - 3, 2), new double[] {1, 0});

    assertThat(r.converged()).isTrue();
    assertThat(r.value()).isCloseTo(0, within(1e-10));
    assertThat(r.point()[0]).isCloseTo(0.5, within(1e-5));
    assertThat(r.point()[1]).isCloseTo(3, within(1e-5));
  }

  @Test
  void refusesAnUndefinedStart() {
    assertThatThrownBy(() -> new NelderMead(1, 1e-10, 100, 0).minimize(p -> Double.NaN, new double[] {0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsAnExhaustedBudget() {
    NelderMead.Result r = new NelderMead(0.5, 1e-14, 30, 0)
        .minimize(p -> 100 * Math.pow(p[1] - p[0] * p[0], 2) + Math.pow(1 - p[0], 2), new double[] {-1.2, 1});

    assertThat(r.converged()).isFalse();
    assertThat(r.evaluations()).isLessThanOrEqualTo(30 + 4); // the last step may need n + 2 evaluations
  }
}

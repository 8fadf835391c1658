package org.clientele.crm.impl.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HypergeometricTest {

  @ParameterizedTest
  @ValueSource(doubles = {-0.9, -0.3, 1e-6, 0.1, 0.5, 0.9, 0.99, 0.999})
  void logarithmClosedForm(double z) {
    // 2F1(1, 1; 2; z) = −ln(1 − z)/z
    double expected = -Math.log1p(-z) / z;
    assertThat(Hypergeometric.twoF1(1, 1, 2, z)).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.7, 0.2, 0.6, 0.95})
  void binomialClosedForm(double z) {
    // 2F1(a, b; b; z) = (1 − z)^−a
    assertThat(Hypergeometric.twoF1(0.37, 2.5, 2.5, z)).isCloseTo(Math.pow(1 - z, -0.37), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.5, 0.9, 0.99})
  void inverseTrigonometricClosedForms(double s) {
    // 2F1(½, ½; 3/2; s²) = arcsin(s)/s and 2F1(½, 1; 3/2; −s²) = arctan(s)/s
    assertThat(Hypergeometric.twoF1(0.5, 0.5, 1.5, s * s)).isCloseTo(Math.asin(s) / s, within(1e-12));
    assertThat(Hypergeometric.twoF1(0.5, 1, 1.5, -s * s)).isCloseTo(Math.atan(s) / s, within(1e-12));
  }

  @Test
  void terminatesAsAPolynomialForANegativeIntegerParameter() {
    // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    double b = 1.5;
    double c = 3.2;
    double z = 0.8;
    assertThat(Hypergeometric.twoF1(-2, b, c, z))
        .isCloseTo(1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1)), within(1e-14));
  }

  @Test
  void matchesAnArbitraryPrecisionValueNearTheUnitCircle() {
    // mpmath.hyp2f1(0.3, 1.7, 2.5, 0.97) at 30 digits
    assertThat(Hypergeometric.twoF1(0.3, 1.7, 2.5, 0.97)).isCloseTo(1.58386105360416042826, within(1e-12));
  }

  @Test
  void rejectsArgumentsOutsideTheDiscAndPolesOfC() {
    assertThatThrownBy(() -> Hypergeometric.twoF1(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hypergeometric.twoF1(1, 1, 2, -1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hypergeometric.twoF1(1, 1, -3, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hypergeometric.twoF1(1, 1, 2, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logGammaMatchesKnownValues() {
    assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, within(1e-14));
    assertThat(SpecialFunctions.logGamma(2)).isCloseTo(0, within(1e-14));
    assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
    assertThat(SpecialFunctions.logGamma(10)).isCloseTo(Math.log(362880), within(1e-12));
    assertThat(SpecialFunctions.logGamma(0.1)).isCloseTo(2.25271265173420595987, within(1e-13));
    assertThat(SpecialFunctions.logGamma(100)).isCloseTo(359.134205369575398776, within(1e-10));
    assertThat(SpecialFunctions.logGamma(0)).isNaN();
  }
}

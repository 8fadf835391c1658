package org.clientele.crm.impl.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GammaGammaModelTest {

  /** The estimates Fader, Hardie &amp; Lee report for the 946 CDNOW customers with repeat purchases. */
  private static final GammaGammaModel PUBLISHED = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));

  @Test
  void cdnowFitReproducesThePublishedEstimates() {
    long started = System.nanoTime();
    GammaGammaModel fitted = GammaGammaModel.fit(Cdnow.histories());
    long millis = (System.nanoTime() - started) / 1_000_000;

    GammaGammaParameters p = fitted.parameters();
    assertThat(p.p()).isCloseTo(6.25, within(0.01));
    assertThat(p.q()).isCloseTo(3.74, within(0.01));
    assertThat(p.v()).isCloseTo(15.44, within(0.02));
    FitSummary summary = fitted.fitSummary().orElseThrow();
    assertThat(summary.customers()).isEqualTo(946);
    assertThat(summary.converged()).isTrue();
    assertThat(summary.logLikelihood()).isGreaterThanOrEqualTo(PUBLISHED.logLikelihood(Cdnow.histories()));
    System.out.printf("Gamma-Gamma CDNOW fit: %s, LL %.3f, %d evaluations, %d ms%n", p, summary.logLikelihood(),
        summary.evaluations(), millis);
  }

  @Test
  void logLikelihoodIsTheDensityOfTheMeanRepeatValue() {
    // Σ ln ∫ Gamma(m̄; p·x, rate x·ν) Gamma(ν; q, rate v) dν over the 946 repeat customers at the published
    // parameters, integrated numerically (scipy) rather than through the closed form the model uses
    assertThat(PUBLISHED.logLikelihood(Cdnow.histories())).isCloseTo(-4055.92471273016, within(1e-6));
  }

  @Test
  void conditionalValueShrinksTheCustomersMeanTowardsThePopulationMean() {
    // CDNOW customer 1: 2 repeat purchases worth 22.35 on average; 6.25 · (15.44 + 2 · 22.35) / (6.25 · 2 + 3.74 − 1)
    PurchaseHistory customerOne = new PurchaseHistory(2, 30.43, 38.86, 22.35);
    assertThat(PUBLISHED.conditionalExpectedAverageValue(customerOne)).isCloseTo(24.6637139107612, within(1e-10));

    double population = PUBLISHED.populationMeanValue();
    assertThat(population).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
    // the more repeat purchases, the closer to the customer's own mean
    double previousGap = Double.POSITIVE_INFINITY;
    for (int x : new int[] {1, 2, 5, 20, 200}) {
      double value = PUBLISHED.conditionalExpectedAverageValue(new PurchaseHistory(x, 10, 30, 100));
      assertThat(value).isBetween(population, 100.0);
      assertThat(100 - value).isLessThan(previousGap);
      previousGap = 100 - value;
    }
  }

  @Test
  void customersWithoutRepeatPurchasesGetThePopulationMean() {
    assertThat(PUBLISHED.conditionalExpectedAverageValue(PurchaseHistory.of(0, 0, 20)))
        .isCloseTo(35.2189781021898, within(1e-10));
  }

  @Test
  void recoversTheParametersOfSimulatedSpend() {
    Random random = new Random(2013);
    Simulation draws = new Simulation(2013);
    double p = 6;
    double q = 4;
    double v = 15;
    List<PurchaseHistory> histories = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      int x = 1 + random.nextInt(8);
      double nu = draws.gamma(q) / v; // customer's rate ~ Gamma(q, v)
      double mean = draws.gamma(p * x) / (nu * x); // mean of x values ~ Gamma(p, nu)
      histories.add(new PurchaseHistory(x, 10, 20, mean));
    }

    GammaGammaModel model = GammaGammaModel.fit(histories);
    GammaGammaParameters fitted = model.parameters();

    // Over ten seeds q stays within 9 % and the population mean within 3 %, while p and v trade off against each other
    // (p up, v down) by up to 20 % and 33 %: the tolerances are about twice that spread.
    GammaGammaModel truth = new GammaGammaModel(new GammaGammaParameters(p, q, v));
    assertThat(model.fitSummary().orElseThrow().logLikelihood()).isGreaterThanOrEqualTo(truth.logLikelihood(histories));
    assertThat(fitted.q()).isCloseTo(q, within(0.15 * q));
    assertThat(fitted.populationMeanValue()).isCloseTo(p * v / (q - 1), within(0.06 * p * v / (q - 1)));
    assertThat(fitted.p()).isCloseTo(p, within(0.4 * p));
    assertThat(fitted.v()).isCloseTo(v, within(0.6 * v));
  }

  @Test
  void refusesSpendTooHeavyTailedForAFiniteMean() {
    Simulation draws = new Simulation(7);
    List<PurchaseHistory> histories = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double nu = draws.gamma(0.5) / 10; // q = 0.5: the customers' mean spend has no finite mean
      histories.add(new PurchaseHistory(1, 5, 20, draws.gamma(3) / nu));
    }

    assertThatThrownBy(() -> GammaGammaModel.fit(histories))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("q = ");
  }

  @Test
  void refusesToFitTooFewRepeatCustomersWithAValue() {
    List<PurchaseHistory> few = new ArrayList<>(Collections.nCopies(29, new PurchaseHistory(3, 10, 30, 25)));
    few.addAll(Collections.nCopies(100, new PurchaseHistory(2, 10, 30, 0))); // free orders tell nothing on spend
    few.addAll(Collections.nCopies(100, PurchaseHistory.of(0, 0, 30)));

    assertThatThrownBy(() -> GammaGammaModel.fit(few))
        .isInstanceOf(InsufficientHistoryException.class)
        .hasMessage("Gamma-Gamma fit needs at least 30 customers with repeat purchases, found 29");
  }

  @Test
  void requiresQAboveOne() {
    assertThatThrownBy(() -> new GammaGammaParameters(6, 1, 15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GammaGammaParameters(6, 0.8, 15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GammaGammaParameters(-1, 3, 15)).isInstanceOf(IllegalArgumentException.class);
  }
}

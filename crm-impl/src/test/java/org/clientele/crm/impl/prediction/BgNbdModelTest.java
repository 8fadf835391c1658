package org.clientele.crm.impl.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgNbdModelTest {

  /** The maximum-likelihood estimates Fader, Hardie &amp; Lee (2005) report for CDNOW (weeks). */
  private static final BgNbdModel PUBLISHED = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

  @Test
  void cdnowFitReproducesThePublishedEstimates() {
    List<PurchaseHistory> cdnow = Cdnow.histories();
    assertThat(cdnow).hasSize(2357);
    assertThat(cdnow).filteredOn(h -> h.x() > 0).hasSize(946);

    long started = System.nanoTime();
    BgNbdModel fitted = BgNbdModel.fit(cdnow);
    long millis = (System.nanoTime() - started) / 1_000_000;

    BgNbdParameters p = fitted.parameters();
    assertThat(p.r()).isCloseTo(0.243, within(0.0005));
    assertThat(p.alpha()).isCloseTo(4.414, within(0.005));
    assertThat(p.a()).isCloseTo(0.793, within(0.0005));
    assertThat(p.b()).isCloseTo(2.426, within(0.005));
    FitSummary summary = fitted.fitSummary().orElseThrow();
    assertThat(summary.logLikelihood()).isCloseTo(-9582.4, within(0.5));
    assertThat(summary.converged()).isTrue();
    assertThat(summary.customers()).isEqualTo(2357);
    assertThat(summary.repeatCustomers()).isEqualTo(946);
    // the fit is a maximum: the published (rounded) parameters are no better
    assertThat(summary.logLikelihood()).isGreaterThanOrEqualTo(PUBLISHED.logLikelihood(cdnow));
    System.out.printf("BG/NBD CDNOW fit: %s, LL %.3f, %d evaluations, %d ms%n", p, summary.logLikelihood(),
        summary.evaluations(), millis);
  }

  @Test
  void fitIsIndependentOfTheTimeUnit() {
    List<PurchaseHistory> weeks = Cdnow.histories();
    List<PurchaseHistory> days = weeks.stream()
        .map(h -> new PurchaseHistory(h.x(), h.recency() * 7, h.age() * 7, h.monetaryValue()))
        .toList();

    BgNbdModel inWeeks = BgNbdModel.fit(weeks);
    BgNbdModel inDays = BgNbdModel.fit(days);

    assertThat(inDays.parameters().alpha() / 7).isCloseTo(inWeeks.parameters().alpha(), within(0.005));
    assertThat(inDays.parameters().r()).isCloseTo(inWeeks.parameters().r(), within(0.0005));
    assertThat(inDays.parameters().a()).isCloseTo(inWeeks.parameters().a(), within(0.0005));
    assertThat(inDays.parameters().b()).isCloseTo(inWeeks.parameters().b(), within(0.005));
    // each purchase time is a density: the log-likelihood shifts by −Σx·ln 7
    long repeats = weeks.stream().mapToLong(PurchaseHistory::x).sum();
    assertThat(inDays.fitSummary().orElseThrow().logLikelihood())
        .isCloseTo(inWeeks.fitSummary().orElseThrow().logLikelihood() - repeats * Math.log(7), within(0.01));
    // and the predictions agree
    PurchaseHistory first = weeks.get(0);
    PurchaseHistory firstInDays = days.get(0);
    assertThat(inDays.conditionalExpectedPurchases(39 * 7, firstInDays))
        .isCloseTo(inWeeks.conditionalExpectedPurchases(39, first), within(1e-3));
  }

  @Test
  void conditionalExpectationOfCdnowCustomerOne() {
    // x = 2, t_x = 30.43, T = 38.86: 1.226 purchases in the next 39 weeks — the worked example usually quoted for
    // eq. 10, here to the digits of a 30-digit mpmath evaluation.
    PurchaseHistory customerOne = PurchaseHistory.of(2, 30.43, 38.86);

    assertThat(PUBLISHED.conditionalExpectedPurchases(39, customerOne)).isCloseTo(1.22602817476714, within(1e-10));
    assertThat(PUBLISHED.probabilityAlive(customerOne)).isCloseTo(0.726578570080673, within(1e-12));
  }

  @Test
  void unconditionalExpectationMatchesArbitraryPrecisionValues() {
    assertThat(PUBLISHED.expectedPurchases(39)).isCloseTo(1.19672319332082, within(1e-10));
    assertThat(PUBLISHED.expectedPurchases(78)).isCloseTo(1.86051905794277, within(1e-10));
    assertThat(PUBLISHED.expectedPurchases(0)).isZero();
  }

  @Test
  void expectationsMatchAnIndependentIntegralOverTheDropoutProbability() {
    // E[Y(t) | alive] = E over p ~ Beta(a, b+x), λ ~ Gamma(r+x, α+T) of (1 − e^(−λpt))/p: integrating λ out in
    // closed form leaves a one-dimensional integral, here by Simpson's rule — no hypergeometric function involved.
    BgNbdModel model = new BgNbdModel(new BgNbdParameters(0.6, 30, 1.7, 4.2));
    for (PurchaseHistory h : List.of(PurchaseHistory.of(0, 0, 0), PurchaseHistory.of(0, 0, 200),
        PurchaseHistory.of(3, 150, 200), PurchaseHistory.of(40, 364, 365))) {
      for (double t : new double[] {1, 30, 365, 3650}) {
        double expected = model.probabilityAlive(h) * integralIfAlive(model.parameters(), h, t);
        assertThat(model.conditionalExpectedPurchases(t, h)).as("x=%d T=%s t=%s", h.x(), h.age(), t)
            .isCloseTo(expected, within(1e-7 * Math.max(1, expected)));
      }
    }
    // a < 1, as in CDNOW
    for (double t : new double[] {5, 39, 400}) {
      assertThat(PUBLISHED.expectedPurchases(t)).isCloseTo(integralIfAlive(PUBLISHED.parameters(),
          PurchaseHistory.of(0, 0, 0), t), within(1e-6));
    }
  }

  @Test
  void aNewCustomerIsExpectedToBuyWhatARandomCustomerBuys() {
    assertThat(PUBLISHED.conditionalExpectedPurchases(52, PurchaseHistory.of(0, 0, 0)))
        .isCloseTo(PUBLISHED.expectedPurchases(52), within(1e-12));
  }

  @Test
  void aIsNearOneIsHandledAsTheLimit() {
    PurchaseHistory h = PurchaseHistory.of(2, 10, 20);
    double below = new BgNbdModel(new BgNbdParameters(0.5, 5, 1 - 1e-4, 2)).conditionalExpectedPurchases(10, h);
    double at = new BgNbdModel(new BgNbdParameters(0.5, 5, 1, 2)).conditionalExpectedPurchases(10, h);
    double above = new BgNbdModel(new BgNbdParameters(0.5, 5, 1 + 1e-4, 2)).conditionalExpectedPurchases(10, h);

    assertThat(at).isFinite().isBetween(Math.min(below, above) - 1e-6, Math.max(below, above) + 1e-6);
  }

  @Test
  void expectationsGrowWithTheHorizonAndStayFiniteForFrequentBuyers() {
    PurchaseHistory frequent = PurchaseHistory.of(2000, 364, 365); // would overflow eq. 10's untransformed 2F1
    double previous = 0;
    for (double t : new double[] {1, 7, 30, 365, 3650}) {
      double e = PUBLISHED.conditionalExpectedPurchases(t, frequent);
      assertThat(e).isFinite().isGreaterThan(previous);
      previous = e;
    }
    // over a short horizon dropout hardly matters (p ≈ a/(a+b+x) per purchase): E ≈ P(alive) · rate · t
    double shortTerm = PUBLISHED.probabilityAlive(frequent) * PurchaseRate.meanRateIfAlive(PUBLISHED, frequent) * 7;
    assertThat(PUBLISHED.conditionalExpectedPurchases(7, frequent)).isCloseTo(shortTerm, within(0.02 * shortTerm));
  }

  @Test
  void probabilityAliveIsOneWithoutRepeatPurchasesAndOtherwiseInTheUnitInterval() {
    assertThat(PUBLISHED.probabilityAlive(PurchaseHistory.of(0, 0, 38))).isEqualTo(1.0);
    // t_x = T: the only doubt is the dropout right after the last purchase, 1/(1 + a/(b+x−1))
    assertThat(PUBLISHED.probabilityAlive(PurchaseHistory.of(23, 39, 39))).isCloseTo(0.968555454221024, within(1e-12));

    for (PurchaseHistory h : Cdnow.histories()) {
      assertThat(PUBLISHED.probabilityAlive(h)).isGreaterThan(0).isLessThanOrEqualTo(1);
    }
    // the longer the silence since the last purchase, the less likely the customer is alive
    double previous = 1;
    for (double age : new double[] {10, 20, 40, 80, 160}) {
      double alive = PUBLISHED.probabilityAlive(PurchaseHistory.of(5, 10, age));
      assertThat(alive).isLessThan(previous);
      previous = alive;
    }
    // a long-silent frequent buyer is very likely gone: odds of e^56 against, still a positive probability
    assertThat(PUBLISHED.probabilityAlive(PurchaseHistory.of(30, 10, 100))).isGreaterThan(0).isLessThan(1e-20);
  }

  @Test
  void recoversTheParametersOfASimulatedCustomerBase() {
    // weeks: a purchase every 10 weeks on average while alive, 1 to 2 years observed, then a 39-week holdout
    BgNbdParameters truth = new BgNbdParameters(0.5, 5, 0.8, 2.5);
    List<Simulation.Customer> customers = new Simulation(20_050_101).customers(truth, 6000, 52, 104, 39);
    List<PurchaseHistory> calibration = customers.stream().map(Simulation.Customer::calibration).toList();

    long started = System.nanoTime();
    BgNbdModel fitted = BgNbdModel.fit(calibration);
    long millis = (System.nanoTime() - started) / 1_000_000;

    BgNbdParameters p = fitted.parameters();
    System.out.printf("BG/NBD simulated fit (6000 customers): %s in %d ms%n", p, millis);
    // tolerances about twice the spread seen over a dozen seeds; the dropout shapes are the least identified
    assertThat(p.r()).isCloseTo(truth.r(), within(0.1 * truth.r()));
    assertThat(p.alpha()).isCloseTo(truth.alpha(), within(0.15 * truth.alpha()));
    assertThat(p.a()).isCloseTo(truth.a(), within(0.15 * truth.a()));
    assertThat(p.b()).isCloseTo(truth.b(), within(0.2 * truth.b()));
    assertThat(fitted.fitSummary().orElseThrow().logLikelihood())
        .isGreaterThanOrEqualTo(new BgNbdModel(truth).logLikelihood(calibration));
    // what matters downstream: the expected purchases of a random customer over a year
    assertThat(fitted.expectedPurchases(52)).isCloseTo(new BgNbdModel(truth).expectedPurchases(52),
        within(0.06 * new BgNbdModel(truth).expectedPurchases(52)));

    // and the holdout that followed: the model forecasts it better than extrapolating each customer's own rate
    List<HoldoutObservation> holdout = customers.stream()
        .map(c -> new HoldoutObservation(c.calibration(), c.holdoutPurchases()))
        .toList();
    BackTestReport report = BackTest.run(fitted, holdout, 39);
    assertThat(report.beatsBaseline()).isTrue();
    assertThat(report.totalPredicted()).isCloseTo(report.totalActual(), within(0.1 * report.totalActual()));
    System.out.println("Back-test on the simulated holdout: " + report);
  }

  @Test
  void refusesToFitTooFewRepeatCustomers() {
    List<PurchaseHistory> few = new ArrayList<>(Collections.nCopies(500, PurchaseHistory.of(0, 0, 30)));
    few.addAll(Collections.nCopies(29, PurchaseHistory.of(2, 10, 30)));

    assertThatThrownBy(() -> BgNbdModel.fit(few))
        .isInstanceOf(InsufficientHistoryException.class)
        .hasMessage("BG/NBD fit needs at least 30 customers with repeat purchases, found 29")
        .satisfies(e -> {
          assertThat(((InsufficientHistoryException) e).required()).isEqualTo(30);
          assertThat(((InsufficientHistoryException) e).found()).isEqualTo(29);
        });
    assertThat(BgNbdModel.fit(few, new MinimumData(29)).parameters()).isNotNull();
  }

  @Test
  void rejectsInvalidArguments() {
    assertThatThrownBy(() -> new BgNbdParameters(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BgNbdParameters(1, Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PUBLISHED.conditionalExpectedPurchases(-1, PurchaseHistory.of(0, 0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * ∫₀¹ (1 − ((α+T)/(α+T+pt))^(r+x))/p · Beta(p; a, b+x) dp by Simpson's rule after p = w^(3/a), which absorbs the
   * p^(a−1) singularity (p^(a−1) dp = (3/a) w² dw) and crowds the nodes near p = 0, where the integrand changes on
   * the scale (α+T)/t.
   */
  private static double integralIfAlive(BgNbdParameters params, PurchaseHistory h, double t) {
    double a = params.a();
    double bx = params.b() + h.x();
    double rx = params.r() + h.x();
    double s = params.alpha() + h.age();
    double logBeta = SpecialFunctions.logGamma(a) + SpecialFunctions.logGamma(bx) - SpecialFunctions.logGamma(a + bx);
    int n = 100_000;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double w = (double) i / n;
      double p = Math.pow(w, 3 / a);
      double g = p == 0 ? rx * t / s : -Math.expm1(-rx * Math.log1p(p * t / s)) / p;
      double f = g * Math.pow(1 - p, bx - 1) * w * w;
      sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
    }
    return sum / (3.0 * n) * 3 / (a * Math.exp(logBeta));
  }
}

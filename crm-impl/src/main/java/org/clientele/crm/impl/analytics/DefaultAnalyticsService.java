package org.clientele.crm.impl.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.analytics.AnalyticsService;
import org.clientele.crm.api.analytics.CustomerPrediction;
import org.clientele.crm.api.analytics.CustomerValue;
import org.clientele.crm.api.analytics.KpiReport;
import org.clientele.crm.api.analytics.PredictionRun;
import org.clientele.crm.api.analytics.PredictionSettings;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.validation.InputValidator;

/** KPIs and customer value from SQL aggregates; predictions from the batch job's stored results. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DefaultAnalyticsService implements AnalyticsService {

  private static final Duration LONGEST_PERIOD = Duration.ofDays(3653);

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Inject KpiQueries kpis;

  @Inject PredictionJob predictions;

  @Inject CustomerResolver customers;

  @Inject InputValidator validator;

  @Override
  public KpiReport kpis(Instant from, Instant to) {
    if (from == null || to == null) {
      throw new InvalidInputException(from == null ? "from" : "to", "is required");
    }
    if (!from.isBefore(to)) {
      throw new InvalidInputException("to", "must be after from");
    }
    if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
      throw new InvalidInputException("to", "the period must not be longer than ten years");
    }
    return new KpiReport(from, to, kpis.customers(from, to), kpis.money(from, to), kpis.satisfaction(from, to),
        kpis.service(from, to));
  }

  @Override
  public CustomerValue customerValue(long customerId, Instant asOf) {
    long id = customers.resolve(customerId);
    Instant at = asOf == null ? Instant.now() : asOf;
    Object[] cadence = kpis.cadence(id, at);
    long orders = Sql.longOf(cadence[0]);
    Instant first = Sql.instantOf(cadence[1]);
    Instant last = Sql.instantOf(cadence[2]);
    ChurnRiskReader.ChurnRisk risk = ChurnRiskReader.risk(id, orders, first, last, at);
    List<CustomerValue.Money> clv = kpis.revenueByCurrency(id, at).entrySet().stream()
        .map(e -> new CustomerValue.Money(e.getKey(), e.getValue().setScale(
            Math.max(java.util.Currency.getInstance(e.getKey()).getDefaultFractionDigits(), 0),
            java.math.RoundingMode.HALF_EVEN)))
        .toList();
    Optional<CustomerPrediction> prediction = prediction(id);
    String unavailable = null;
    if (prediction.isEmpty()) {
      unavailable = latestRun().isEmpty() ? "no prediction run yet"
          : orders == 0 ? "no orders: the models predict only for customers who have bought"
          : "no orders before the latest run";
    }
    return new CustomerValue(id, at, orders, first, last, clv,
        risk == null ? null : risk.meanDaysBetweenPurchases(),
        last == null ? null : Duration.between(last, at).toDays(),
        risk == null ? null : risk.risk(), prediction.orElse(null), unavailable);
  }

  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public PredictionRun runPredictions(PredictionSettings settings) {
    PredictionSettings s = settings == null ? new PredictionSettings(null, null, null, null) : settings;
    validator.check("settings", s);
    if (s.currency() != null) {
      try {
        java.util.Currency.getInstance(s.currency());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("currency", "is not an ISO 4217 currency code");
      }
    }
    return predictions.run(s);
  }

  @Override
  public Optional<PredictionRun> latestRun() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT id, as_of, computed_at, horizon_days, holdout_days, currency,"
        + " parameters, customers_predicted, customers_skipped, backtest_mae, backtest_baseline_mae,"
        + " backtest_predicted_total, backtest_actual_total, fit_millis FROM crm_prediction_run ORDER BY id DESC")
        .setMaxResults(1).getResultList();
    return rows.stream().findFirst().map(r -> new PredictionRun(Sql.longOf(r[0]), Sql.instantOf(r[1]),
        Sql.instantOf(r[2]), (int) Sql.longOf(r[3]), (int) Sql.longOf(r[4]), r[5].toString().strip(),
        parameters(r[6].toString()), Sql.longOf(r[7]), Sql.longOf(r[8]), Sql.doubleOf(r[9]), Sql.doubleOf(r[10]),
        Sql.doubleOf(r[11]), r[12] == null ? null : Sql.longOf(r[12]), Sql.longOf(r[13])));
  }

  private Optional<CustomerPrediction> prediction(long customerId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT p.run_id, r.computed_at, r.horizon_days, r.currency,"
        + " p.expected_gap_days, p.next_order_date, p.predicted_orders, p.expected_order_value, p.predicted_clv,"
        + " p.churn_probability FROM crm_customer_prediction p JOIN crm_prediction_run r ON r.id = p.run_id"
        + " WHERE p.customer_id = ?1").setParameter(1, customerId).getResultList();
    return rows.stream().findFirst().map(r -> new CustomerPrediction(customerId, Sql.longOf(r[0]),
        Sql.instantOf(r[1]), (int) Sql.longOf(r[2]), r[3].toString().strip(), Sql.doubleOf(r[4]), date(r[5]),
        Sql.doubleOf(r[6]), Sql.decimalOf(r[7]), Sql.decimalOf(r[8]), Sql.doubleOf(r[9])));
  }

  private static LocalDate date(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return LocalDate.parse(value.toString().substring(0, 10));
  }

  /** The stored {@code {"r":0.24,...}}: flat, numeric, written by {@link PredictionJob}. */
  private static Map<String, Double> parameters(String json) {
    Map<String, Double> result = new TreeMap<>();
    String body = json.strip();
    body = body.substring(1, body.length() - 1);
    for (String pair : body.split(",")) {
      if (!pair.isBlank()) {
        String[] kv = pair.split(":");
        result.put(kv[0].strip().replace("\"", ""), Double.valueOf(kv[1].strip()));
      }
    }
    return result;
  }
}

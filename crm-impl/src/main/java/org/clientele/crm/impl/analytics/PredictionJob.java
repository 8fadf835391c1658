package org.clientele.crm.impl.analytics;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.analytics.PredictionRun;
import org.clientele.crm.api.analytics.PredictionSettings;
import org.clientele.crm.impl.audit.AuditLog;
import org.clientele.crm.impl.persistence.Jdbc;
import org.clientele.crm.impl.prediction.BackTest;
import org.clientele.crm.impl.prediction.BackTestReport;
import org.clientele.crm.impl.prediction.BgNbdModel;
import org.clientele.crm.impl.prediction.CustomerLifetimeValue;
import org.clientele.crm.impl.prediction.GammaGammaModel;
import org.clientele.crm.impl.prediction.HoldoutObservation;
import org.clientele.crm.impl.prediction.InsufficientHistoryException;
import org.clientele.crm.impl.prediction.PurchaseHistory;
import org.clientele.crm.impl.prediction.PurchaseRate;

/**
 * The prediction batch job: reads every counted order once (streamed over JDBC: millions of rows would not fit
 * a JPA result list), fits BG/NBD and Gamma-Gamma in days, back-tests BG/NBD on a held-out tail of the history,
 * and replaces the per-customer predictions in one transaction, so readers see the old run or the new one.
 */
@ApplicationScoped
public class PredictionJob {

  private static final Logger LOG = Logger.getLogger(PredictionJob.class.getName());

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject AuditLog audit;

  /** One customer's orders: day and value (0 for orders in other currencies, which still count as orders). */
  private record CustomerOrders(long customerId, List<PurchaseHistory.Order> orders) {}

  @Transactional
  public PredictionRun run(PredictionSettings settings) {
    Instant asOf = settings.asOf() == null ? Instant.now() : settings.asOf();
    LocalDate end = asOf.atOffset(ZoneOffset.UTC).toLocalDate();
    long started = System.nanoTime();
    try (Connection connection = Jdbc.connection(dataSource)) {
      String currency = settings.currency() != null ? settings.currency() : mostFrequentCurrency(connection, asOf);
      if (currency == null) {
        throw new ConflictException("There are no orders before " + asOf + " to fit predictions on");
      }
      List<CustomerOrders> customers = readOrders(connection, asOf, currency);
      List<PurchaseHistory> histories = new ArrayList<>(customers.size());
      for (CustomerOrders c : customers) {
        histories.add(PurchaseHistory.fromOrders(c.orders(), end));
      }
      BgNbdModel purchases;
      GammaGammaModel spend;
      try {
        purchases = BgNbdModel.fit(histories);
        spend = GammaGammaModel.fit(histories);
      } catch (InsufficientHistoryException e) {
        throw new ConflictException("Too little purchase history to fit predictions: " + e.getMessage());
      } catch (IllegalStateException | ArithmeticException e) {
        // Gamma-Gamma without a finite mean (q <= 1): order values too spread to model
        throw new ConflictException("The order values cannot be modelled: " + e.getMessage());
      }
      long fitMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      BackTestReport backTest = backTest(customers, end, settings.holdoutDays());

      Map<String, Double> parameters = new LinkedHashMap<>();
      parameters.put("r", purchases.parameters().r());
      parameters.put("alpha", purchases.parameters().alpha());
      parameters.put("a", purchases.parameters().a());
      parameters.put("b", purchases.parameters().b());
      parameters.put("p", spend.parameters().p());
      parameters.put("q", spend.parameters().q());
      parameters.put("v", spend.parameters().v());
      Instant now = Instant.now();
      long runId = nextRunId(connection);
      PredictionRun run = new PredictionRun(runId, asOf, now, settings.horizonDays(), settings.holdoutDays(),
          currency, parameters, customers.size(), 0,
          backTest == null ? null : backTest.meanAbsoluteError(),
          backTest == null ? null : backTest.baselineMeanAbsoluteError(),
          backTest == null ? null : backTest.totalPredicted(),
          backTest == null ? null : (long) backTest.totalActual(), fitMillis);
      storeRun(connection, run);
      try {
        storePredictions(connection, runId, customers, histories, purchases, spend, settings.horizonDays(), end,
            currency);
      } catch (ArithmeticException e) {
        throw new ConflictException("The fitted model cannot be evaluated for every customer: " + e.getMessage());
      }
      audit.record("predictions.fitted", "PredictionRun", runId, "customers=" + customers.size());
      LOG.info(() -> "Prediction run " + runId + ": " + customers.size() + " customers, fitted in " + fitMillis
          + " ms");
      return run;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new ConflictException("Another prediction run is storing its results; retry when it has finished", e);
      }
      throw new IllegalStateException("Prediction run failed: " + e.getMessage(), e);
    }
  }

  /**
   * Fits on the history before the holdout and compares each customer's predicted repeat purchases in the
   * holdout with the actual ones. Null when the calibration history is too short to fit.
   */
  private static BackTestReport backTest(List<CustomerOrders> customers, LocalDate end, int holdoutDays) {
    LocalDate calibrationEnd = end.minusDays(holdoutDays);
    List<PurchaseHistory> calibration = new ArrayList<>();
    List<HoldoutObservation> observations = new ArrayList<>();
    for (CustomerOrders c : customers) {
      if (c.orders().stream().anyMatch(o -> o.day().isBefore(calibrationEnd))) {
        PurchaseHistory h = PurchaseHistory.fromOrders(c.orders(), calibrationEnd);
        calibration.add(h);
        observations.add(new HoldoutObservation(h, PurchaseHistory.purchaseDays(c.orders(), calibrationEnd, end)));
      }
    }
    try {
      return BackTest.run(BgNbdModel.fit(calibration), observations, holdoutDays);
    } catch (InsufficientHistoryException | ArithmeticException e) {
      LOG.info(() -> "No back-test: " + e.getMessage());
      return null;
    }
  }

  private static String mostFrequentCurrency(Connection connection, Instant asOf) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT currency, COUNT(*) AS n FROM crm_purchase"
        + " WHERE placed_at < ? AND " + Sql.COUNTED + " GROUP BY currency ORDER BY n DESC, currency")) {
      s.setObject(1, asOf.atOffset(ZoneOffset.UTC));
      s.setMaxRows(1);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1).strip() : null;
      }
    }
  }

  private static List<CustomerOrders> readOrders(Connection connection, Instant asOf, String currency)
      throws SQLException {
    List<CustomerOrders> result = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement("SELECT customer_id, placed_at, currency, net_total"
        + " FROM crm_purchase WHERE placed_at < ? AND " + Sql.COUNTED + " ORDER BY customer_id, placed_at")) {
      s.setObject(1, asOf.atOffset(ZoneOffset.UTC));
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery()) {
        CustomerOrders current = null;
        while (rs.next()) {
          long customerId = rs.getLong(1);
          if (current == null || current.customerId() != customerId) {
            current = new CustomerOrders(customerId, new ArrayList<>());
            result.add(current);
          }
          LocalDate day = rs.getObject(2, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
          double value = currency.equals(rs.getString(3).strip()) ? rs.getBigDecimal(4).doubleValue() : 0;
          current.orders().add(new PurchaseHistory.Order(day, value));
        }
      }
    }
    return result;
  }

  private static long nextRunId(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM crm_prediction_run");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void storeRun(Connection connection, PredictionRun run) throws SQLException {
    StringBuilder json = new StringBuilder("{");
    run.parameters().forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
        .append(v));
    json.append('}');
    try (PreparedStatement s = connection.prepareStatement("INSERT INTO crm_prediction_run (id, as_of, computed_at,"
        + " horizon_days, holdout_days, currency, parameters, customers_predicted, customers_skipped, backtest_mae,"
        + " backtest_baseline_mae, backtest_predicted_total, backtest_actual_total, fit_millis)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, run.id());
      s.setObject(2, run.asOf().atOffset(ZoneOffset.UTC));
      s.setObject(3, run.computedAt().atOffset(ZoneOffset.UTC));
      s.setInt(4, run.horizonDays());
      s.setInt(5, run.holdoutDays());
      s.setString(6, run.currency());
      s.setString(7, json.toString());
      s.setLong(8, run.customersPredicted());
      s.setLong(9, run.customersSkipped());
      s.setObject(10, run.backTestMeanAbsoluteError(), java.sql.Types.DOUBLE);
      s.setObject(11, run.backTestBaselineError(), java.sql.Types.DOUBLE);
      s.setObject(12, run.backTestPredictedTotal(), java.sql.Types.DOUBLE);
      s.setObject(13, run.backTestActualTotal(), java.sql.Types.BIGINT);
      s.setLong(14, run.fitMillis());
      s.executeUpdate();
    }
  }

  private static void storePredictions(Connection connection, long runId, List<CustomerOrders> customers,
      List<PurchaseHistory> histories, BgNbdModel purchases, GammaGammaModel spend, int horizonDays, LocalDate end,
      String currency) throws SQLException {
    int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    CustomerLifetimeValue clv = new CustomerLifetimeValue(purchases, spend);
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM crm_customer_prediction")) {
      delete.executeUpdate();
    }
    try (PreparedStatement s = connection.prepareStatement("INSERT INTO crm_customer_prediction (customer_id,"
        + " run_id, expected_gap_days, next_order_date, predicted_orders, expected_order_value, predicted_clv,"
        + " churn_probability) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < customers.size(); i++) {
        PurchaseHistory h = histories.get(i);
        s.setLong(1, customers.get(i).customerId());
        s.setLong(2, runId);
        s.setDouble(3, PurchaseRate.expectedTimeBetweenPurchasesIfAlive(purchases, h));
        s.setObject(4, PurchaseRate.expectedNextPurchaseDayIfAlive(purchases, h, end));
        s.setDouble(5, purchases.conditionalExpectedPurchases(horizonDays, h));
        s.setBigDecimal(6, money(spend.conditionalExpectedAverageValue(h), scale));
        s.setBigDecimal(7, money(clv.value(h, horizonDays), scale));
        s.setDouble(8, clv.churnProbability(h));
        s.addBatch();
        if (i % 1000 == 999) {
          s.executeBatch();
        }
      }
      s.executeBatch();
    }
  }

  private static BigDecimal money(double value, int scale) {
    return BigDecimal.valueOf(Double.isFinite(value) ? value : 0).setScale(Math.max(scale, 0), RoundingMode.HALF_EVEN);
  }
}

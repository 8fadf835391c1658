package org.clientele.crm.api.analytics;

import java.time.Instant;
import java.util.Optional;

/**
 * KPIs computed in SQL over stored purchases, feedback and conversations, and predictions from a model
 * fitted in a batch job. Available by CDI injection and as
 * {@code java:global/clientele/crm-ejb/AnalyticsServiceBean!org.clientele.crm.api.analytics.AnalyticsService}.
 */
public interface AnalyticsService {

  /**
   * @throws org.clientele.crm.api.InvalidInputException if the period is empty, reversed or longer than
   *     ten years
   */
  KpiReport kpis(Instant from, Instant to);

  /** @param asOf the moment to value the customer at; null for now */
  CustomerValue customerValue(long customerId, Instant asOf);

  /**
   * Fits the purchase models on every customer's history and stores a prediction per customer; also
   * back-tests the model on held-out history.
   *
   * @throws org.clientele.crm.api.ConflictException if there is too little history to fit
   */
  PredictionRun runPredictions(PredictionSettings settings);

  /** The latest successful run. */
  Optional<PredictionRun> latestRun();
}

package org.clientele.crm.api.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * A fitted model run with its back-test.
 *
 * @param parameters the fitted BG/NBD (r, alpha, a, b) and Gamma-Gamma (p, q, v) parameters
 * @param customersPredicted customers with at least one order, who got a prediction
 * @param backTestMeanAbsoluteError mean |predicted − actual| repeat orders per customer over the holdout,
 *     fitted on the history before it; null when that history was too short
 * @param backTestBaselineError the same for a naïve baseline (each customer's past rate continued)
 */
public record PredictionRun(
    long id,
    Instant asOf,
    Instant computedAt,
    int horizonDays,
    int holdoutDays,
    String currency,
    Map<String, Double> parameters,
    long customersPredicted,
    long customersSkipped,
    Double backTestMeanAbsoluteError,
    Double backTestBaselineError,
    Double backTestPredictedTotal,
    Long backTestActualTotal,
    long fitMillis) {}

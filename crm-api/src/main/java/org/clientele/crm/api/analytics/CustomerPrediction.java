package org.clientele.crm.api.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One customer's prediction from a fitted model run (BG/NBD for purchase counts, Gamma-Gamma for order
 * value; see docs/analytics.md).
 *
 * @param expectedDaysBetweenOrders 1 / the posterior mean purchase rate while active
 * @param expectedNextOrderDate the last order plus the expected gap (or today, if that is past and the
 *     customer is likely active)
 * @param predictedOrders expected repeat orders within {@code horizonDays}
 * @param predictedClv predicted orders × expected order value, in the run's currency
 * @param churnProbability 1 − P(still active)
 */
public record CustomerPrediction(
    long customerId,
    long runId,
    Instant computedAt,
    int horizonDays,
    String currency,
    double expectedDaysBetweenOrders,
    LocalDate expectedNextOrderDate,
    double predictedOrders,
    BigDecimal expectedOrderValue,
    BigDecimal predictedClv,
    double churnProbability) {}

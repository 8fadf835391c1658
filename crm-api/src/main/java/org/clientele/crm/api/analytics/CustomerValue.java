package org.clientele.crm.api.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a customer is worth so far, and how likely they are gone.
 *
 * @param historicalClv net revenue of all orders, per currency
 * @param meanDaysBetweenPurchases the customer's own cadence; null with fewer than two orders
 * @param churnRisk {@code 1 − exp(−daysSinceLastPurchase / meanDaysBetweenPurchases)}: how unlikely the
 *     current silence is for a customer still buying at their cadence (a Poisson-process reading); null
 *     with fewer than two orders
 * @param prediction the latest model's prediction; null before any fit or with too little history
 * @param predictionUnavailable why there is no prediction, when there is none
 */
public record CustomerValue(
    long customerId,
    Instant asOf,
    long orders,
    Instant firstPurchaseAt,
    Instant lastPurchaseAt,
    List<Money> historicalClv,
    Double meanDaysBetweenPurchases,
    Long daysSinceLastPurchase,
    Double churnRisk,
    CustomerPrediction prediction,
    String predictionUnavailable) {

  /** An amount in one ISO 4217 currency. */
  public record Money(String currency, BigDecimal amount) {}
}

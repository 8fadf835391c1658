package org.clientele.crm.api.analytics;

import java.time.Instant;
import java.util.List;

/**
 * The business's KPIs over {@code [from, to)}. An order counts when it is neither cancelled nor fully
 * refunded; money is net of refunds and never summed across currencies. A rate is null when its
 * denominator is zero.
 */
public record KpiReport(
    Instant from,
    Instant to,
    CustomerKpis customers,
    List<CurrencyKpis> money,
    SatisfactionKpis satisfaction,
    ServiceKpis service) {

  /**
   * @param purchasingCustomers customers with at least one order in the period
   * @param repeatPurchaseRate share of them with two or more orders in the period
   * @param previousPeriodCustomers customers with an order in the equally long period just before
   * @param retainedCustomers of those, the ones who ordered again in this period
   * @param retentionRate retained / previous-period customers
   * @param purchaseFrequency orders per purchasing customer
   */
  public record CustomerKpis(long purchasingCustomers, long orders, Double repeatPurchaseRate,
      long previousPeriodCustomers, long retainedCustomers, Double retentionRate, Double purchaseFrequency) {}

  /**
   * @param revenue net of refunds, orders in the period
   * @param averageOrderValue revenue / orders
   * @param averageHistoricalClv net revenue of all orders before {@code to}, per customer who ever ordered
   */
  public record CurrencyKpis(String currency, long orders, java.math.BigDecimal revenue,
      java.math.BigDecimal averageOrderValue, long customersEver, java.math.BigDecimal averageHistoricalClv) {}

  /**
   * @param nps % promoters (9–10) minus % detractors (0–6), −100 to 100
   * @param csat % of CSAT answers that are 4 or 5
   * @param cesAverage mean CES 2.0 answer (1–7, higher is easier)
   */
  public record SatisfactionKpis(long npsResponses, long promoters, long detractors, Double nps,
      long csatResponses, Double csat, Double csatAverage, long cesResponses, Double cesAverage) {}

  /**
   * @param averageFirstResponseSeconds over conversations opened in the period that got an answer
   * @param averageResolutionSeconds over conversations resolved in the period, from their opening
   */
  public record ServiceKpis(long conversationsOpened, long conversationsAnswered, Double averageFirstResponseSeconds,
      long conversationsResolved, Double averageResolutionSeconds) {}
}

package org.clientele.crm.impl.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Churn risk from the customer's own cadence: with {@code n ≥ 2} counted orders between {@code first} and
 * {@code last}, the mean gap is {@code (last − first) / (n − 1)}; a customer still buying at that cadence
 * (a Poisson process) stays silent for {@code d} days with probability {@code exp(−d / gap)}, so the risk is
 * {@code 1 − exp(−d / gap)}. The threshold test runs in SQL: {@code risk ≥ t ⇔ d·(n−1) ≥ −ln(1−t)·(last−first)}.
 */
@ApplicationScoped
public class ChurnRiskReader {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  /** One customer at or above the threshold. */
  public record ChurnRisk(long customerId, long orders, Instant lastPurchaseAt, double meanDaysBetweenPurchases,
      long daysSinceLastPurchase, double risk) {}

  /**
   * Active customers at or above the risk threshold who have no churn follow-up since their last order.
   */
  public List<ChurnRisk> atOrAbove(double threshold, Instant now, int limit) {
    double factor = -Math.log(1 - Math.min(threshold, 0.999999));
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("""
        SELECT t.customer_id, t.orders, t.first_at, t.last_at
        FROM (SELECT p.customer_id, COUNT(*) AS orders, MIN(p.placed_at) AS first_at, MAX(p.placed_at) AS last_at
              FROM crm_purchase p JOIN crm_customer c ON c.id = p.customer_id AND c.status = 'ACTIVE'
              WHERE %s AND p.placed_at < ?1
              GROUP BY p.customer_id) t
        WHERE t.orders >= 2 AND t.last_at > t.first_at
          AND (?2 - EXTRACT(EPOCH FROM t.last_at)) * (t.orders - 1)
              >= ?3 * (EXTRACT(EPOCH FROM t.last_at) - EXTRACT(EPOCH FROM t.first_at))
          AND NOT EXISTS (SELECT 1 FROM crm_follow_up f WHERE f.customer_id = t.customer_id
                          AND f.reason = 'CHURN_RISK' AND f.created_at >= t.last_at)
        ORDER BY t.customer_id
        """.formatted(Sql.counted("p")))
        .setParameter(1, Sql.param(now)).setParameter(2, (double) now.getEpochSecond())
        .setParameter(3, factor).setMaxResults(limit).getResultList();
    return rows.stream().map(r -> risk(Sql.longOf(r[0]), Sql.longOf(r[1]), Sql.instantOf(r[2]),
        Sql.instantOf(r[3]), now)).toList();
  }

  /** The same reading for one customer's aggregates; null with fewer than two orders on distinct times. */
  public static ChurnRisk risk(long customerId, long orders, Instant first, Instant last, Instant now) {
    if (orders < 2 || first == null || !last.isAfter(first)) {
      return null;
    }
    double gapDays = Duration.between(first, last).toSeconds() / 86400.0 / (orders - 1);
    double silentDays = Math.max(0, Duration.between(last, now).toSeconds() / 86400.0);
    return new ChurnRisk(customerId, orders, last, gapDays, (long) Math.floor(silentDays),
        1 - Math.exp(-silentDays / gapDays));
  }
}

package org.clientele.crm.impl.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clientele.crm.api.analytics.KpiReport;

/**
 * The KPI SQL. Every figure is one aggregate query over an indexed time range; the same SQL runs on H2 and
 * PostgreSQL ({@code EXTRACT(EPOCH FROM ...)} for durations).
 */
@ApplicationScoped
public class KpiQueries {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  KpiReport.CustomerKpis customers(Instant from, Instant to) {
    Object[] inPeriod = single("""
        SELECT COUNT(*), SUM(t.n), SUM(CASE WHEN t.n >= 2 THEN 1 ELSE 0 END)
        FROM (SELECT customer_id, COUNT(*) AS n FROM crm_purchase
              WHERE placed_at >= ?1 AND placed_at < ?2 AND %s GROUP BY customer_id) t
        """.formatted(Sql.COUNTED), from, to);
    Instant previousFrom = from.minus(Duration.between(from, to));
    Object[] retention = single("""
        SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM crm_purchase q WHERE q.customer_id = t.customer_id
                                                AND q.placed_at >= ?2 AND q.placed_at < ?3 AND %s)
                             THEN 1 ELSE 0 END)
        FROM (SELECT DISTINCT customer_id FROM crm_purchase
              WHERE placed_at >= ?1 AND placed_at < ?2 AND %s) t
        """.formatted(Sql.counted("q"), Sql.COUNTED), previousFrom, from, to);
    long purchasing = Sql.longOf(inPeriod[0]);
    long orders = Sql.longOf(inPeriod[1]);
    long repeaters = Sql.longOf(inPeriod[2]);
    long previous = Sql.longOf(retention[0]);
    long retained = Sql.longOf(retention[1]);
    return new KpiReport.CustomerKpis(purchasing, orders, Sql.ratio(repeaters, purchasing), previous, retained,
        Sql.ratio(retained, previous), Sql.ratio(orders, purchasing));
  }

  List<KpiReport.CurrencyKpis> money(Instant from, Instant to) {
    Map<String, Object[]> period = byCurrency("""
        SELECT currency, COUNT(*), SUM(net_total) FROM crm_purchase
        WHERE placed_at >= ?1 AND placed_at < ?2 AND %s GROUP BY currency
        """.formatted(Sql.COUNTED), from, to);
    // Historical CLV counts every order before the period's end, refunds deducted (a fully refunded order adds 0).
    Map<String, Object[]> ever = byCurrency("""
        SELECT currency, COUNT(DISTINCT customer_id), SUM(net_total) FROM crm_purchase
        WHERE placed_at < ?1 AND status <> 'CANCELLED' GROUP BY currency
        """, to);
    List<KpiReport.CurrencyKpis> result = new ArrayList<>();
    java.util.Set<String> currencies = new java.util.TreeSet<>(period.keySet());
    currencies.addAll(ever.keySet());
    for (String currency : currencies) {
      Object[] p = period.get(currency);
      Object[] e = ever.get(currency);
      long orders = p == null ? 0 : Sql.longOf(p[1]);
      BigDecimal revenue = p == null ? BigDecimal.ZERO : Sql.decimalOf(p[2]);
      long customersEver = e == null ? 0 : Sql.longOf(e[1]);
      BigDecimal totalEver = e == null ? BigDecimal.ZERO : Sql.decimalOf(e[2]);
      int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
      result.add(new KpiReport.CurrencyKpis(currency, orders, revenue.setScale(Math.max(scale, 0), RoundingMode.HALF_EVEN),
          orders == 0 ? null : revenue.divide(BigDecimal.valueOf(orders), MathContext.DECIMAL64)
              .setScale(Math.max(scale, 0), RoundingMode.HALF_EVEN),
          customersEver,
          customersEver == 0 ? null : totalEver.divide(BigDecimal.valueOf(customersEver), MathContext.DECIMAL64)
              .setScale(Math.max(scale, 0), RoundingMode.HALF_EVEN)));
    }
    return result;
  }

  KpiReport.SatisfactionKpis satisfaction(Instant from, Instant to) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("""
        SELECT kind, COUNT(*),
               SUM(CASE WHEN (kind = 'NPS' AND score >= 9) OR (kind = 'CSAT' AND score >= 4) THEN 1 ELSE 0 END),
               SUM(CASE WHEN kind = 'NPS' AND score <= 6 THEN 1 ELSE 0 END),
               AVG(CAST(score AS DOUBLE PRECISION))
        FROM crm_feedback WHERE received_at >= ?1 AND received_at < ?2 GROUP BY kind
        """).setParameter(1, Sql.param(from)).setParameter(2, Sql.param(to)).getResultList();
    Map<String, Object[]> byKind = new TreeMap<>();
    rows.forEach(r -> byKind.put(r[0].toString().strip(), r));
    Object[] nps = byKind.get("NPS");
    Object[] csat = byKind.get("CSAT");
    Object[] ces = byKind.get("CES");
    long npsResponses = nps == null ? 0 : Sql.longOf(nps[1]);
    long promoters = nps == null ? 0 : Sql.longOf(nps[2]);
    long detractors = nps == null ? 0 : Sql.longOf(nps[3]);
    long csatResponses = csat == null ? 0 : Sql.longOf(csat[1]);
    Double csatShare = csat == null ? null : Sql.ratio(Sql.longOf(csat[2]), csatResponses);
    return new KpiReport.SatisfactionKpis(npsResponses, promoters, detractors,
        npsResponses == 0 ? null : 100.0 * (promoters - detractors) / npsResponses,
        csatResponses, csatShare == null ? null : 100.0 * csatShare, csat == null ? null : Sql.doubleOf(csat[4]),
        ces == null ? 0 : Sql.longOf(ces[1]), ces == null ? null : Sql.doubleOf(ces[4]));
  }

  KpiReport.ServiceKpis service(Instant from, Instant to) {
    Object[] opened = single("""
        SELECT COUNT(*), COUNT(first_response_at),
               AVG(EXTRACT(EPOCH FROM first_response_at) - EXTRACT(EPOCH FROM opened_at))
        FROM crm_conversation WHERE opened_at >= ?1 AND opened_at < ?2
        """, from, to);
    Object[] resolved = single("""
        SELECT COUNT(*), AVG(EXTRACT(EPOCH FROM resolved_at) - EXTRACT(EPOCH FROM opened_at))
        FROM crm_conversation WHERE resolved_at >= ?1 AND resolved_at < ?2
        """, from, to);
    return new KpiReport.ServiceKpis(Sql.longOf(opened[0]), Sql.longOf(opened[1]), Sql.doubleOf(opened[2]),
        Sql.longOf(resolved[0]), Sql.doubleOf(resolved[1]));
  }

  /** One customer's counted orders (all currencies) and net revenue per currency, before {@code asOf}. */
  Object[] cadence(long customerId, Instant asOf) {
    return single("""
        SELECT COUNT(*), MIN(placed_at), MAX(placed_at) FROM crm_purchase
        WHERE customer_id = ?1 AND placed_at < ?2 AND %s
        """.formatted(Sql.COUNTED), customerId, asOf);
  }

  Map<String, BigDecimal> revenueByCurrency(long customerId, Instant asOf) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("""
        SELECT currency, SUM(net_total) FROM crm_purchase
        WHERE customer_id = ?1 AND placed_at < ?2 AND status <> 'CANCELLED' GROUP BY currency
        """).setParameter(1, customerId).setParameter(2, Sql.param(asOf)).getResultList();
    Map<String, BigDecimal> result = new TreeMap<>();
    rows.forEach(r -> result.put(r[0].toString().strip(), Sql.decimalOf(r[1])));
    return result;
  }

  private Object[] single(String sql, Object... params) {
    var query = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) {
      query.setParameter(i + 1, params[i] instanceof Instant instant ? Sql.param(instant) : params[i]);
    }
    return (Object[]) query.getSingleResult();
  }

  private Map<String, Object[]> byCurrency(String sql, Instant... params) {
    var query = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) {
      query.setParameter(i + 1, Sql.param(params[i]));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    Map<String, Object[]> result = new TreeMap<>();
    rows.forEach(r -> result.put(r[0].toString().strip(), r));
    return result;
  }
}

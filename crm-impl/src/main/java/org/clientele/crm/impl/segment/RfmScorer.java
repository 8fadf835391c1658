package org.clientele.crm.impl.segment;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.clientele.crm.impl.persistence.Jdbc;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recomputes {@code crm_customer_score} for every active customer with two set-based statements (a delete and
 * an insert-select), so nothing is loaded into Java and readers see the old scores or the new ones.
 *
 * <p><b>RFM</b>: over the counted purchases (not cancelled, not refunded) placed up to the evaluation time
 * (and within the look-back, if set), per customer the last purchase (R), their number (F) and their net total
 * in the scoring currency (M). Each is ranked into quintiles with {@code NTILE(5)} over the customers who have
 * counted purchases, 5 for the most recent / most frequent / highest; ties share the lowest quintile any of
 * them was given, so equal inputs always get equal scores. Customers without counted purchases get no R/F/M.
 *
 * <p><b>Engagement</b> (0–100): from the engaging interactions of the window before the evaluation time
 * (inbound ones except unsubscribes and bounces, plus campaign opens and clicks):
 * {@code round(100 · (wr · (1 − age/window) + wf · min(n, cap)/cap) / (wr + wf))}, where {@code age} is the
 * time since the latest of them and {@code n} their number; 0 without any. Computed in double precision, the
 * same on H2 and PostgreSQL.
 */
@ApplicationScoped
public class RfmScorer {

  private static final Logger LOG = Logger.getLogger(RfmScorer.class.getName());

  /** Interactions that show the customer's engagement. */
  static final String ENGAGING = "((i.direction = 'INBOUND' AND i.interaction_type NOT IN ('UNSUBSCRIBE',"
      + " 'CAMPAIGN_BOUNCED')) OR i.interaction_type IN ('CAMPAIGN_OPENED', 'CAMPAIGN_CLICKED'))";

  /** What a recomputation did. */
  public record Scored(Instant asOf, String currency, int customers, int customersWithPurchases) {}

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "crm.segment.scoring.currency")
  Optional<String> currency;

  @Inject
  @ConfigProperty(name = "crm.segment.scoring.lookback-days")
  Optional<Integer> lookbackDays;

  @Inject
  @ConfigProperty(name = "crm.segment.scoring.engagement.window-days", defaultValue = "90")
  int engagementWindowDays;

  @Inject
  @ConfigProperty(name = "crm.segment.scoring.engagement.frequency-cap", defaultValue = "10")
  int engagementFrequencyCap;

  @Inject
  @ConfigProperty(name = "crm.segment.scoring.engagement.recency-weight", defaultValue = "1")
  double recencyWeight;

  @Inject
  @ConfigProperty(name = "crm.segment.scoring.engagement.frequency-weight", defaultValue = "1")
  double frequencyWeight;

  /** Recomputes all scores as of the given time with the configured settings, in the caller's transaction. */
  @Transactional
  public Scored recompute(Instant asOf) {
    ScoringSettings settings = new ScoringSettings(currency.filter(c -> !c.isBlank()).orElse(null),
        lookbackDays.orElse(null), engagementWindowDays, engagementFrequencyCap, recencyWeight, frequencyWeight);
    try (Connection connection = Jdbc.connection(dataSource)) {
      Scored scored = recompute(connection, settings, asOf);
      LOG.info(() -> "Scores recomputed as of " + asOf + ": " + scored.customers() + " customers, "
          + scored.customersWithPurchases() + " with purchases (currency " + scored.currency() + ")");
      return scored;
    } catch (SQLException e) {
      throw new IllegalStateException("Score recomputation failed: " + e.getMessage(), e);
    }
  }

  /** Replaces every row of crm_customer_score on this connection (the caller commits). */
  public static Scored recompute(Connection connection, ScoringSettings settings, Instant asOf)
      throws SQLException {
    OffsetDateTime at = asOf.atOffset(ZoneOffset.UTC);
    Instant lookbackStart = settings.lookbackDays() == null ? null
        : asOf.minus(Duration.ofDays(settings.lookbackDays()));
    String currency = settings.currency() != null ? settings.currency()
        : mostFrequentCurrency(connection, at, lookbackStart);
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM crm_customer_score")) {
      delete.executeUpdate();
    }
    double weights = settings.recencyWeight() + settings.frequencyWeight();
    double recencyPart = 100 * settings.recencyWeight() / weights;
    double frequencyPart = 100 * settings.frequencyWeight() / weights;
    double windowSeconds = settings.engagementWindowDays() * 86400.0;
    String monetary = currency == null ? "0" : "CASE WHEN p.currency = ? THEN p.net_total ELSE 0 END";
    String lookback = lookbackStart == null ? "" : " AND p.placed_at >= ?";
    // Parameters in the order of their placeholders.
    List<Object> parameters = new ArrayList<>();
    // engagement = floor(0.5 + r·(1 − age/W) + f·min(n, cap)/cap) = floor((0.5 + r) − (r/W)·age + (f/cap)·min(n, cap))
    parameters.add(0.5 + recencyPart);
    parameters.add(recencyPart / windowSeconds);
    parameters.add(asOf.getEpochSecond() + asOf.getNano() / 1e9);
    parameters.add(frequencyPart / settings.engagementFrequencyCap());
    parameters.add(settings.engagementFrequencyCap());
    parameters.add(currency);
    parameters.add(at);
    if (currency != null) {
      parameters.add(currency);
    }
    parameters.add(at);
    if (lookbackStart != null) {
      parameters.add(lookbackStart.atOffset(ZoneOffset.UTC));
    }
    parameters.add(at);
    parameters.add(asOf.minus(Duration.ofDays(settings.engagementWindowDays())).atOffset(ZoneOffset.UTC));
    String sql = """
        INSERT INTO crm_customer_score (customer_id, recency_score, frequency_score, monetary_score,
            engagement_score, last_purchase_at, purchase_count, monetary_value, monetary_currency, computed_at)
        SELECT c.id, r.r_score, r.f_score, r.m_score,
               CASE WHEN e.customer_id IS NULL THEN 0
                    ELSE CAST(GREATEST(0, LEAST(100, FLOOR(? - ? * (? - CAST(EXTRACT(EPOCH FROM e.last_at)
                              AS DOUBLE PRECISION)) + ? * CAST(LEAST(e.n, ?) AS DOUBLE PRECISION)))) AS INTEGER)
               END,
               r.last_at, COALESCE(r.orders, 0), COALESCE(r.monetary, 0), ?, ?
        FROM crm_customer c
        LEFT JOIN (
          SELECT q.customer_id, q.last_at, q.orders, q.monetary,
                 MIN(q.r_tile) OVER (PARTITION BY q.last_at) AS r_score,
                 MIN(q.f_tile) OVER (PARTITION BY q.orders) AS f_score,
                 MIN(q.m_tile) OVER (PARTITION BY q.monetary) AS m_score
          FROM (SELECT a.customer_id, a.last_at, a.orders, a.monetary,
                       NTILE(5) OVER (ORDER BY a.last_at, a.customer_id) AS r_tile,
                       NTILE(5) OVER (ORDER BY a.orders, a.customer_id) AS f_tile,
                       NTILE(5) OVER (ORDER BY a.monetary, a.customer_id) AS m_tile
                FROM (SELECT p.customer_id, MAX(p.placed_at) AS last_at, COUNT(*) AS orders,
                             SUM(%s) AS monetary
                      FROM crm_purchase p JOIN crm_customer pc ON pc.id = p.customer_id AND pc.status = 'ACTIVE'
                      WHERE p.status NOT IN ('CANCELLED', 'REFUNDED') AND p.placed_at <= ?%s
                      GROUP BY p.customer_id) a) q) r ON r.customer_id = c.id
        LEFT JOIN (
          SELECT i.customer_id, MAX(i.occurred_at) AS last_at, COUNT(*) AS n
          FROM crm_interaction i
          WHERE i.occurred_at <= ? AND i.occurred_at >= ? AND %s
          GROUP BY i.customer_id) e ON e.customer_id = c.id
        WHERE c.status = 'ACTIVE'
        """.formatted(monetary, lookback, ENGAGING);
    int customers;
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        Object value = parameters.get(i);
        if (value == null) {
          insert.setNull(i + 1, java.sql.Types.CHAR);
        } else {
          insert.setObject(i + 1, value);
        }
      }
      customers = insert.executeUpdate();
    }
    int withPurchases;
    try (PreparedStatement count = connection.prepareStatement(
        "SELECT COUNT(*) FROM crm_customer_score WHERE recency_score IS NOT NULL");
        ResultSet rs = count.executeQuery()) {
      rs.next();
      withPurchases = rs.getInt(1);
    }
    return new Scored(asOf, currency, customers, withPurchases);
  }

  private static String mostFrequentCurrency(Connection connection, OffsetDateTime at, Instant lookbackStart)
      throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT p.currency FROM crm_purchase p"
        + " WHERE p.status NOT IN ('CANCELLED', 'REFUNDED') AND p.placed_at <= ?"
        + (lookbackStart == null ? "" : " AND p.placed_at >= ?")
        + " GROUP BY p.currency ORDER BY COUNT(*) DESC, p.currency FETCH FIRST 1 ROWS ONLY")) {
      s.setObject(1, at);
      if (lookbackStart != null) {
        s.setObject(2, lookbackStart.atOffset(ZoneOffset.UTC));
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}

package org.clientele.crm.bench.feeder;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * The 360° read in the CRM's own server, without HTTP (OverviewBenchmark): the overview and the profile through the
 * CRM's local EJB views, as a host application calls them ({@code java:global}), against the hand-written SQL that
 * reads the same rows on the CRM's data source, alternating, in the same JVM. The ratio between the two is the CRM's
 * read path (its queries, object building, the services' interceptors), free of what any HTTP request costs.
 *
 * <p>The views are called by reflection, so that this WAR, dropped next to the EAR, needs no shared library for the
 * crm-api classes. {@code GET /overview-timing?customerId=&rounds=300&warmup=50} answers a JSON object of p50 and
 * p99 in milliseconds.
 */
@WebServlet(urlPatterns = "/overview-timing")
public class OverviewTimingServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final String VIEWS = "java:global/clientele/crm-ejb/";

  @Resource(lookup = "jdbc/clientele")
  private transient DataSource dataSource;

  private interface Read {
    void run() throws Exception;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long customer = Long.parseLong(request.getParameter("customerId"));
    int rounds = Integer.parseInt(param(request, "rounds", "300"));
    int warmup = Integer.parseInt(param(request, "warmup", "50"));
    try (Connection c = dataSource.getConnection()) {
      Object overviews = new InitialContext().lookup(
          VIEWS + "CustomerOverviewServiceBean!org.clientele.crm.api.overview.CustomerOverviewService");
      Object customers = new InitialContext().lookup(
          VIEWS + "CustomerServiceBean!org.clientele.crm.api.customer.CustomerService");
      Method overview = overviews.getClass().getMethod("overview", long.class, int.class);
      Method profile = customers.getClass().getMethod("get", long.class);
      String overviewFigures = measure(() -> overview.invoke(overviews, customer, 20), () -> overviewSql(c, customer),
          rounds, warmup);
      String profileFigures = measure(() -> profile.invoke(customers, customer), () -> profileSql(c, customer),
          rounds, warmup);
      response.setContentType("application/json");
      try (PrintWriter writer = response.getWriter()) {
        writer.print("{\"overview\":" + overviewFigures + ",\"profile\":" + profileFigures + "}");
      }
    } catch (java.lang.reflect.InvocationTargetException e) {
      response.sendError(500, "The CRM refused the read: " + e.getCause());
    } catch (Exception e) {
      response.sendError(500, e.toString());
    }
  }

  private static String measure(Read service, Read sql, int rounds, int warmup) throws Exception {
    for (int w = 0; w < warmup; w++) {
      service.run();
      sql.run();
    }
    long[] serviceTimes = new long[rounds];
    long[] sqlTimes = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      service.run();
      long t1 = System.nanoTime();
      sql.run();
      long t2 = System.nanoTime();
      serviceTimes[i] = t1 - t0;
      sqlTimes[i] = t2 - t1;
    }
    return String.format(Locale.ROOT, "{\"serviceP50\":%.3f,\"serviceP99\":%.3f,\"sqlP50\":%.3f,\"sqlP99\":%.3f}",
        percentile(serviceTimes, 50), percentile(serviceTimes, 99), percentile(sqlTimes, 50),
        percentile(sqlTimes, 99));
  }

  /** The profile's rows: the customer, identities, contacts, tags, attributes and consents. */
  static void profileSql(Connection c, long id) throws SQLException {
    drain(c, "SELECT * FROM crm_customer WHERE id = ?", id);
    drain(c, "SELECT * FROM crm_customer_identity WHERE customer_id = ?", id);
    drain(c, "SELECT * FROM crm_customer_contact WHERE customer_id = ?", id);
    drain(c, "SELECT * FROM crm_customer_tag WHERE customer_id = ?", id);
    drain(c, "SELECT * FROM crm_customer_attribute WHERE customer_id = ?", id);
    drain(c, "SELECT * FROM crm_consent WHERE customer_id = ? ORDER BY decided_at DESC", id);
  }

  /**
   * The overview's rows: the profile, 20 latest touchpoints, open conversations and follow-ups, the 20 latest
   * purchases with their lines, status history and refunds, the value (cadence, revenue, the prediction or else the
   * latest prediction run) and the segments the customer is in.
   */
  static void overviewSql(Connection c, long id) throws SQLException {
    profileSql(c, id);
    drain(c, "SELECT * FROM crm_interaction WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 20", id);
    drain(c, "SELECT * FROM crm_conversation WHERE customer_id = ? AND status IN ('OPEN', 'PENDING')"
        + " ORDER BY last_activity_at DESC LIMIT 50", id);
    drain(c, "SELECT * FROM crm_follow_up WHERE customer_id = ? AND status IN ('OPEN', 'IN_PROGRESS')"
        + " ORDER BY due_at, id LIMIT 50", id);
    String page = "SELECT id FROM crm_purchase WHERE customer_id = ? ORDER BY placed_at DESC, id DESC LIMIT 20";
    drain(c, "SELECT p.*, l.* FROM (SELECT * FROM crm_purchase WHERE customer_id = ? ORDER BY placed_at DESC, id DESC"
        + " LIMIT 20) p LEFT JOIN crm_purchase_line l ON l.purchase_id = p.id", id);
    drain(c, "SELECT * FROM crm_purchase_status WHERE purchase_id IN (" + page + ")", id);
    drain(c, "SELECT * FROM crm_purchase_refund WHERE purchase_id IN (" + page + ")", id);
    drain(c, "SELECT COUNT(*), MIN(placed_at), MAX(placed_at) FROM crm_purchase WHERE customer_id = ?"
        + " AND status NOT IN ('CANCELLED', 'REFUNDED')", id);
    drain(c, "SELECT currency, SUM(net_total) FROM crm_purchase WHERE customer_id = ? AND status <> 'CANCELLED'"
        + " GROUP BY currency", id);
    if (!drain(c, "SELECT p.*, r.computed_at, r.horizon_days, r.currency FROM crm_customer_prediction p"
        + " JOIN crm_prediction_run r ON r.id = p.run_id WHERE p.customer_id = ?", id)) {
      drain(c, "SELECT * FROM crm_prediction_run WHERE id > ? ORDER BY id DESC LIMIT 1", 0);
    }
    drain(c, "SELECT g.segment_key, g.name, m.entered_at, m.left_at FROM crm_segment_member m"
        + " JOIN crm_segment g ON g.id = m.segment_id WHERE m.customer_id = ? AND m.left_at IS NULL"
        + " ORDER BY m.entered_at DESC, g.segment_key", id);
  }

  /** Reads every column of every row; whether there was one. */
  private static boolean drain(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        boolean any = false;
        while (rs.next()) {
          any = true;
          for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
          }
        }
        return any;
      }
    }
  }

  private static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static String param(HttpServletRequest request, String name, String fallback) {
    String value = request.getParameter(name);
    return value == null ? fallback : value;
  }
}

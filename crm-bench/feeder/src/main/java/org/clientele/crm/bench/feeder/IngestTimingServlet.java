package org.clientele.crm.bench.feeder;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * Batch ingest in the CRM's own server, without HTTP (IngestBenchmark): {@code CustomerService.registerAll} and
 * {@code InteractionService.recordAll} through the local EJB views ({@code java:global}), as a host application calls
 * them, with the same elements the benchmark posts to the batch endpoints. The elements are built before the clock
 * starts; what is timed is the service: validation, the look-ups, the writes, the commit and the events.
 *
 * <ul>
 *   <li>{@code POST /ingest-timing?kind=customers&prefix=P&count=N&batch=500&threads=2}: customers with an
 *       {@code INGEST} identity {@code P-i}, as IngestBenchmark's {@code customerJson};
 *   <li>{@code POST /ingest-timing?kind=interactions&customers=Q&prefix=P&count=N&…}: touchpoints with source event id
 *       {@code P-i} for the customers whose {@code INGEST} identity starts with {@code Q-}, in the benchmark's order.
 * </ul>
 *
 * <p>Answers {@code {"count":N,"seconds":S}}. The views are called by reflection, so that this WAR needs no shared
 * library for the crm-api classes.
 */
@WebServlet(urlPatterns = "/ingest-timing")
public class IngestTimingServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final String VIEWS = "java:global/clientele/crm-ejb/";

  @Resource(lookup = "jdbc/clientele")
  private transient DataSource dataSource;

  @Resource
  private transient ManagedExecutorService executor;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    int count = Integer.parseInt(param(request, "count", "100000"));
    int batch = Integer.parseInt(param(request, "batch", "500"));
    int threads = Integer.parseInt(param(request, "threads", "2"));
    String prefix = request.getParameter("prefix");
    boolean customers = "customers".equals(request.getParameter("kind"));
    try {
      long[] owners = customers ? new long[0] : customerIds(request.getParameter("customers"));
      if (prefix == null || (!customers && owners.length == 0)) {
        response.sendError(400, "prefix is required, and customers (an identity prefix with customers) for touchpoints");
        return;
      }
      String service = customers ? "org.clientele.crm.api.customer.CustomerService"
          : "org.clientele.crm.api.interaction.InteractionService";
      Object view = new InitialContext().lookup(VIEWS + (customers ? "CustomerServiceBean!" : "InteractionServiceBean!")
          + service);
      Method call = view.getClass().getMethod(customers ? "registerAll" : "recordAll", List.class);
      ApiRecords records = new ApiRecords(Class.forName(service, false, view.getClass().getClassLoader())
          .getClassLoader());
      List<List<Object>> batches = new ArrayList<>();
      for (int from = 0; from < count; from += batch) {
        List<Object> one = new ArrayList<>();
        for (int i = from; i < Math.min(count, from + batch); i++) {
          one.add(customers ? records.build("org.clientele.crm.api.customer.NewCustomer", customer(prefix, i))
              : records.build("org.clientele.crm.api.interaction.NewInteraction",
                  interaction(owners[i % owners.length], prefix, i)));
        }
        batches.add(one);
      }
      AtomicInteger next = new AtomicInteger();
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(executor.submit(() -> {
          for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
            call.invoke(view, batches.get(b));
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      response.setContentType("application/json");
      try (PrintWriter writer = response.getWriter()) {
        writer.printf(Locale.ROOT, "{\"count\":%d,\"seconds\":%.4f}", count, seconds);
      }
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause() instanceof InvocationTargetException i ? i.getCause() : e.getCause();
      response.sendError(500, "The CRM refused the batch: " + cause);
    } catch (Exception e) {
      response.sendError(500, e.toString());
    }
  }

  /** The customers of IngestBenchmark's customer run, in its order ({@code IngestBenchmark.customerIds}). */
  private long[] customerIds(String identityPrefix) throws Exception {
    if (identityPrefix == null) {
      return new long[0];
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT customer_id FROM"
        + " crm_customer_identity WHERE source_system = 'INGEST' AND external_id LIKE ? ORDER BY customer_id")) {
      s.setString(1, identityPrefix + "-%");
      List<Long> ids = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
      return ids.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** IngestBenchmark's customer element: an identity, names, email, one tag, one email-marketing consent. */
  private static Map<String, Object> customer(String prefix, int i) {
    return Map.of("identities", List.of(Map.of("system", "INGEST", "externalId", prefix + "-" + i)),
        "givenName", "Given" + i, "familyName", "Family" + i, "email", prefix + "." + i + "@ingest.example",
        "tags", java.util.Set.of("ingest"),
        "consents", List.of(Map.of("channel", "EMAIL", "purpose", "MARKETING", "status", "GRANTED",
            "source", "ingest", "decidedAt", "2026-01-01T00:00:00Z")));
  }

  /** IngestBenchmark's touchpoint element: an email campaign opened, one attribute. */
  private static Map<String, Object> interaction(long customerId, String prefix, int i) {
    return Map.of("customerId", customerId, "channel", "EMAIL", "type", "CAMPAIGN_OPENED", "direction", "INBOUND",
        "occurredAt", "2026-01-01T10:00:00Z", "subject", "Newsletter " + i % 12,
        "attributes", Map.of("campaignId", "c" + i % 12), "sourceSystem", "INGEST", "sourceEventId", prefix + "-" + i);
  }

  private static String param(HttpServletRequest request, String name, String fallback) {
    String value = request.getParameter(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

package org.clientele.crm.impl.store.shopify;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.clientele.crm.impl.store.shopify.BackfillStore.Row;
import org.clientele.crm.impl.system.NodeIdentity;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Runs Shopify backfills in the background on the managed scheduled executor: claims RUNNING backfills with a
 * lease (a new one at once, one left by a crash once its lease lapsed, this server's own at start-up), pages
 * through the GraphQL Admin API within the cost limit, and applies each page with its checkpoint in one
 * transaction.
 */
@ApplicationScoped
public class ShopifyBackfillRunner {

  private static final Logger LOG = Logger.getLogger(ShopifyBackfillRunner.class.getName());
  static final String PROCESSED = "crm.store.backfill.processed";
  static final String REMAINING = "crm.store.backfill.remaining";
  static final String ETA = "crm.store.backfill.eta.seconds";

  @Inject Config config;

  @Inject BackfillTransactions transactions;

  @Inject NodeIdentity node;

  @Inject org.clientele.crm.impl.validation.InputValidator validator;

  /**
   * A backfill runs for minutes to hours, mostly waiting for Shopify: on a thread of its own, not on the default
   * executor, whose few threads also serve HTTP requests (holding one starved the REST API while JMS listeners held
   * the others).
   */
  @jakarta.annotation.Resource jakarta.enterprise.concurrent.ManagedThreadFactory threads;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @Resource ManagedScheduledExecutorService executor;

  private final Set<Long> active = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;
  private ScheduledFuture<?> sweep;
  private String worker;
  private HttpClient http;

  /** Stops a run without changing its row (cancelled, taken over, or the server stops). */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** A permanent failure: the backfill becomes FAILED with this message (resumable). */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  synchronized void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 560)
      @Initialized(ApplicationScoped.class) Object event) {
    if (sweep != null || !bool("crm.store.backfill.enabled", true)) {
      return;
    }
    worker = workerName();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Duration every = duration("crm.store.backfill.sweep-period", "PT10S");
    sweep = executor.scheduleWithFixedDelay(this::claimAndRun, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(() -> "Store backfills are run by " + worker + ", swept every " + every);
  }

  private String workerName() {
    try {
      return "backfill-" + node.name();
    } catch (RuntimeException e) {
      return "backfill-" + UUID.randomUUID();
    }
  }

  /** Claims what is due now (a backfill just started or resumed). */
  public void nudge() {
    if (stopped || sweep == null) {
      return;
    }
    try {
      executor.execute(this::claimAndRun);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not start a backfill claim; the sweep will", e);
    }
  }

  private void claimAndRun() {
    if (stopped || !validator.ready()) {
      return; // not before the application has started: the next sweep claims
    }
    try {
      for (long id : transactions.claim(worker, lease())) {
        if (active.add(id)) {
          try {
            Thread thread = threads.newThread(() -> run(id));
            thread.setName("store-backfill-" + id);
            thread.start();
          } catch (RuntimeException e) {
            active.remove(id);
            throw e;
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Claiming store backfills failed; the next sweep retries", e);
    }
  }

  void run(long id) {
    try {
      while (!stopped) {
        Optional<Row> found = transactions.load(id);
        if (found.isEmpty() || !BackfillStore.RUNNING.equals(found.get().status())
            || !worker.equals(found.get().claimedBy())) {
          return;
        }
        Row row = found.get();
        if ("DONE".equals(row.phase())) {
          if (transactions.finish(id, worker, BackfillStore.COMPLETED, null)) {
            LOG.info(() -> "Store backfill " + id + " of " + row.shop() + " completed: " + row.customersProcessed()
                + " customers, " + row.ordersProcessed() + " orders");
          }
          return;
        }
        if (!page(row)) {
          return;
        }
      }
    } catch (Stopped e) {
      LOG.fine(() -> "Store backfill " + id + " stopped on " + worker);
    } catch (RuntimeException e) {
      Throwable cause = e instanceof Failure ? e : root(e);
      String reason = cause instanceof Failure ? cause.getMessage()
          : cause.getClass().getSimpleName() + ": " + cause.getMessage();
      transactions.finish(id, worker, BackfillStore.FAILED, reason);
      // the reason names HTTP statuses, GraphQL error codes or exception classes; logged by class only
      LOG.warning(() -> "Store backfill " + id + " failed (" + cause.getClass().getSimpleName()
          + "); resume it once the cause is fixed");
    } finally {
      active.remove(id);
      try {
        transactions.load(id).ifPresent(r -> progress(r.shop(), r.view(java.time.Instant.now())));
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Backfill gauges not updated", e);
      }
    }
  }

  /** One page of the row's phase: fetched, applied with its checkpoint; false when the run must stop. */
  private boolean page(Row row) {
    boolean customers = "CUSTOMERS".equals(row.phase());
    ShopifyShops shops = new ShopifyShops(key -> config.getOptionalValue(key, String.class));
    String token = shops.accessToken(row.shop())
        .orElseThrow(() -> new Failure("no access token configured for " + row.shop()));
    ShopifyAdminClient client = new ShopifyAdminClient(http, shops.adminBaseUrl(row.shop()),
        config.getOptionalValue("crm.store.shopify.api-version", String.class).orElse("2025-10"), token,
        duration("crm.store.backfill.timeout", "PT30S"));
    Call call = new Call(row.id(), row.shop(), client);
    String filter = ShopifyGraphQl.filter(row.updatedSince());
    if ((customers ? row.customersTotal() : row.ordersTotal()) == null) {
      ShopifyGraphQl.Response counted = call.send(ShopifyGraphQl.body(ShopifyGraphQl.countQuery(customers), null,
          null, filter));
      Long count = ShopifyGraphQl.count(counted.data(), customers);
      if (count != null) {
        transactions.total(row.id(), customers, count);
      }
    }
    if ("BULK".equals(row.mode())) {
      return bulk(row, call, customers, filter);
    }
    int size = integer(customers ? "crm.store.shopify.backfill.customers-page-size"
        : "crm.store.shopify.backfill.orders-page-size", customers ? 100 : 10);
    String query = customers ? ShopifyGraphQl.customersQuery()
        : ShopifyGraphQl.ordersQuery(integer("crm.store.shopify.backfill.line-items", 50));
    ShopifyGraphQl.Response response = call.send(ShopifyGraphQl.body(query, size, row.cursor(), filter));
    Optional<BackfillTransactions.Applied> applied;
    if (customers) {
      ShopifyGraphQl.Page<ShopifyCustomer> page = ShopifyGraphQl.customers(response.data());
      String next = page.hasNextPage() ? "CUSTOMERS" : row.wantsOrders() ? "ORDERS" : "DONE";
      applied = transactions.customers(row.id(), worker, page.items(), next,
          page.hasNextPage() ? page.endCursor() : null, lease());
    } else {
      ShopifyGraphQl.Page<ShopifyOrder> page = ShopifyGraphQl.orders(response.data());
      applied = transactions.orders(row.id(), worker, page.items(), ShopifyGraphQl.orderNodes(response.data()),
          page.hasNextPage() ? "ORDERS" : "DONE", page.hasNextPage() ? page.endCursor() : null, lease());
    }
    applied.ifPresent(a -> {
      count(row.shop(), "customer", a.customers());
      count(row.shop(), "order", a.orders());
      transactions.load(row.id()).ifPresent(r -> progress(r.shop(), r.view(java.time.Instant.now())));
    });
    return applied.isPresent();
  }

  /** The gauges' values per shop: [remaining items, ETA seconds] of its running backfill (NaN when unknown). */
  private final java.util.Map<String, double[]> progress = new ConcurrentHashMap<>();

  /**
   * Updates {@code crm_store_backfill_remaining{shop}} and {@code crm_store_backfill_eta_seconds{shop}} (the
   * running backfill's estimate; 0 once it ended on this node, NaN while unknown).
   */
  private void progress(String shop, org.clientele.crm.api.store.StoreBackfill view) {
    double[] values = progress.computeIfAbsent(shop, s -> {
      double[] fresh = new double[] {Double.NaN, Double.NaN};
      registry.gauge(REMAINING, fresh, v -> v[0], new Tag("shop", s));
      registry.gauge(ETA, fresh, v -> v[1], new Tag("shop", s));
      return fresh;
    });
    boolean running = BackfillStore.RUNNING.equals(view.status());
    values[0] = !running ? 0 : view.estimatedTotal() == null ? Double.NaN
        : Math.max(0, view.estimatedTotal() - view.processed());
    values[1] = !running ? 0 : view.etaSeconds() == null ? Double.NaN : view.etaSeconds();
  }

  /**
   * Bulk mode, one phase: starts the bulk operation (once; its id is stored), polls it until COMPLETED, downloads
   * the JSONL result and applies it in batches, each with the line reached; a resumed run skips the lines applied.
   */
  private boolean bulk(Row row, Call call, boolean customers, String filter) {
    String operation = row.bulkOperationId();
    if (operation == null) {
      ShopifyGraphQl.Response started = call.send(ShopifyGraphQl.body(ShopifyGraphQl.bulkRunMutation(), null, null,
          ShopifyGraphQl.bulkQuery(customers, filter)));
      try {
        operation = ShopifyGraphQl.bulkOperationId(started.data());
      } catch (IllegalArgumentException e) {
        throw new Failure(e.getMessage());
      }
      if (!transactions.bulkStarted(row.id(), worker, operation)) {
        return false;
      }
    }
    Duration poll = duration("crm.store.backfill.bulk-poll", "PT5S");
    ShopifyGraphQl.BulkOperation state;
    while (true) {
      ShopifyGraphQl.Response polled = call.send(ShopifyGraphQl.bodyWithId(ShopifyGraphQl.bulkPollQuery(), operation));
      try {
        state = ShopifyGraphQl.bulkOperation(polled.data());
      } catch (IllegalArgumentException e) {
        throw new Failure(e.getMessage());
      }
      String status = state.status() == null ? "" : state.status();
      if ("COMPLETED".equals(status)) {
        break;
      }
      if (java.util.List.of("FAILED", "CANCELED", "CANCELING", "EXPIRED").contains(status)) {
        throw new Failure("bulk operation " + status + (state.errorCode() == null ? "" : " " + state.errorCode()));
      }
      sleep(poll.toMillis());
    }
    String next = customers ? (row.wantsOrders() ? "ORDERS" : "DONE") : "DONE";
    if (state.url() == null) {
      // no objects: Shopify gives no file
      return transactions.bulkBatch(row.id(), worker, customers, java.util.List.of(), next, true, 0, lease())
          .isPresent();
    }
    long[] done = {row.bulkLine()};
    int failures = 0;
    int maxRetries = integer("crm.store.backfill.max-retries", 5);
    Duration first = duration("crm.store.backfill.retry-delay", "PT1S");
    Duration max = duration("crm.store.backfill.max-retry-delay", "PT1M");
    while (true) {
      if (stopped || !transactions.renew(row.id(), worker, lease())) {
        throw new Stopped();
      }
      // a signed storage URL: no access token goes there
      java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(state.url()))
          .timeout(duration("crm.store.backfill.bulk-download-timeout", "PT1H")).GET().build();
      java.net.http.HttpResponse<java.util.stream.Stream<String>> response;
      try {
        response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
      } catch (IOException e) {
        failures = call.retry(failures, maxRetries, first, max, "bulk result download failed ("
            + e.getClass().getSimpleName() + ")");
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stopped();
      }
      try (java.util.stream.Stream<String> lines = response.body()) {
        if (response.statusCode() >= 500) {
          failures = call.retry(failures, maxRetries, first, max, "bulk result download: HTTP " + response.statusCode());
          continue;
        }
        if (response.statusCode() != 200) {
          throw new Failure("bulk result download: HTTP " + response.statusCode());
        }
        return applyLines(row, customers, lines.iterator(), done, next);
      } catch (java.io.UncheckedIOException e) {
        failures = call.retry(failures, maxRetries, first, max, "bulk result download broke off ("
            + e.getCause().getClass().getSimpleName() + ")");
      }
    }
  }

  /** Applies the result lines after {@code done[0]} in batches; a batch ends before a top-level line. */
  private boolean applyLines(Row row, boolean customers, java.util.Iterator<String> lines, long[] done,
      String next) {
    int batch = integer("crm.store.shopify.backfill.bulk-batch", 250);
    java.util.List<JsonObject> nodes = new java.util.ArrayList<>();
    JsonObject parent = null;
    java.util.List<JsonObject> children = new java.util.ArrayList<>();
    long line = 0;
    while (lines.hasNext()) {
      String text = lines.next();
      line++;
      if (line <= done[0] || text.isBlank()) {
        continue;
      }
      JsonObject o;
      try {
        o = ShopifyGraphQl.line(text);
      } catch (IllegalArgumentException e) {
        throw new Failure(e.getMessage() + " (line " + line + ")");
      }
      if (ShopifyGraphQl.isChild(o)) {
        if (parent != null) {
          children.add(o);
        }
        continue;
      }
      if (parent != null) {
        nodes.add(customers ? parent : ShopifyGraphQl.withChildren(parent, children));
        parent = null;
        children = new java.util.ArrayList<>();
      }
      if (nodes.size() >= batch) {
        if (!flush(row, customers, nodes, row.phase(), false, line - 1)) {
          return false;
        }
        done[0] = line - 1;
        nodes = new java.util.ArrayList<>();
      }
      parent = o;
    }
    if (parent != null) {
      nodes.add(customers ? parent : ShopifyGraphQl.withChildren(parent, children));
    }
    return flush(row, customers, nodes, next, true, line);
  }

  private boolean flush(Row row, boolean customers, java.util.List<JsonObject> nodes, String phase, boolean ended,
      long line) {
    Optional<BackfillTransactions.Applied> applied = transactions.bulkBatch(row.id(), worker, customers, nodes, phase,
        ended, line, lease());
    applied.ifPresent(a -> {
      count(row.shop(), "customer", a.customers());
      count(row.shop(), "order", a.orders());
      transactions.load(row.id()).ifPresent(r -> progress(r.shop(), r.view(java.time.Instant.now())));
    });
    return applied.isPresent();
  }

  private void count(String shop, String kind, long n) {
    if (n > 0) {
      registry.counter(PROCESSED, new Tag("shop", shop), new Tag("kind", kind)).inc(n);
    }
  }

  /** One GraphQL call with the cost limit, throttling and retries. */
  private final class Call {
    private final long id;
    private final String shop;
    private final ShopifyAdminClient client;

    Call(long id, String shop, ShopifyAdminClient client) {
      this.id = id;
      this.shop = shop;
      this.client = client;
    }

    ShopifyGraphQl.Response send(String body) {
      int failures = 0;
      int throttles = 0;
      int maxRetries = integer("crm.store.backfill.max-retries", 5);
      Duration first = duration("crm.store.backfill.retry-delay", "PT1S");
      Duration max = duration("crm.store.backfill.max-retry-delay", "PT1M");
      while (true) {
        if (stopped || !transactions.renew(id, worker, lease())) {
          throw new Stopped();
        }
        Seen last = seen.get(shop);
        if (last != null) {
          // the next query costs about what the last one asked for
          sleep(ShopifyThrottle.waitBefore(last.cost(), System.currentTimeMillis() - last.at(),
              last.cost().requested() == null ? 0 : last.cost().requested()));
        }
        ShopifyAdminClient.Answer answer;
        try {
          answer = client.post(body);
        } catch (IOException e) {
          failures = retry(failures, maxRetries, first, max, "network error (" + e.getClass().getSimpleName() + ")");
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Stopped();
        }
        if (answer.status() == 429) {
          throttles = throttled(throttles, "HTTP 429");
          long after = ShopifyThrottle.retryAfter(answer.retryAfter());
          Seen before = seen.get(shop);
          sleep(after >= 0 ? after : ShopifyThrottle.afterThrottled(before == null ? null : before.cost(), first));
          continue;
        }
        if (answer.status() >= 500) {
          failures = retry(failures, maxRetries, first, max, "HTTP " + answer.status());
          continue;
        }
        if (answer.status() != 200) {
          throw new Failure("HTTP " + answer.status() + (answer.status() == 401 || answer.status() == 403
              ? " (access token refused, or a scope is missing)" : ""));
        }
        ShopifyGraphQl.Response response;
        try {
          response = ShopifyGraphQl.response(answer.body());
        } catch (IllegalArgumentException e) {
          throw new Failure(e.getMessage());
        }
        if (response.cost() != null) {
          seen.put(shop, new Seen(response.cost(), System.currentTimeMillis()));
        }
        if (response.throttled()) {
          throttles = throttled(throttles, "THROTTLED");
          sleep(ShopifyThrottle.afterThrottled(response.cost(), first));
          continue;
        }
        if (!response.errors().isEmpty()) {
          ShopifyGraphQl.Error e = response.errors().get(0);
          throw new Failure("GraphQL error" + (e.code() == null ? "" : " " + e.code()) + ": " + e.message());
        }
        if (response.data() == null) {
          throw new Failure("GraphQL response without data");
        }
        return response;
      }
    }

    private int retry(int failures, int maxRetries, Duration first, Duration max, String what) {
      int n = failures + 1;
      if (n > maxRetries) {
        throw new Failure(what + " after " + maxRetries + " retries");
      }
      transactions.error(id, what + " (retry " + n + " of " + maxRetries + ")");
      LOG.fine(() -> "Store backfill " + id + ": " + what + ", retry " + n);
      sleep(ShopifyThrottle.backoff(n, first, max));
      return n;
    }

    private int throttled(int throttles, String what) {
      int n = throttles + 1;
      if (n > 1000) {
        throw new Failure(what + " 1000 times in a row");
      }
      LOG.fine(() -> "Store backfill " + id + " throttled (" + what + ")");
      return n;
    }
  }

  /** The last cost report per shop and when it came (the bucket is the shop's, per app). */
  private record Seen(ShopifyGraphQl.Cost cost, long at) {}

  private final java.util.Map<String, Seen> seen = new ConcurrentHashMap<>();

  private void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  private Duration lease() {
    return duration("crm.store.backfill.lease", "PT2M");
  }

  private Duration duration(String key, String fallback) {
    return Duration.parse(config.getOptionalValue(key, String.class).orElse(fallback));
  }

  private int integer(String key, int fallback) {
    return config.getOptionalValue(key, Integer.class).orElse(fallback);
  }

  private boolean bool(String key, boolean fallback) {
    return config.getOptionalValue(key, Boolean.class).orElse(fallback);
  }

  private static Throwable root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t
        && !(t instanceof org.clientele.crm.api.CrmException || t instanceof IllegalArgumentException)) {
      t = t.getCause();
    }
    return t;
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    if (sweep != null) {
      sweep.cancel(false);
    }
  }
}

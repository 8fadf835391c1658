package org.clientele.crm.impl.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.integration.RetryPolicy;
import org.clientele.crm.impl.system.NodeIdentity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Processes stored deliveries after the response: nudged right after each stored delivery, and a periodic
 * sweep picks up what a crash or a retry delay left. Deliveries are claimed with a lease (two servers never
 * apply one delivery at the same time), applied one by one, each in its own transaction with its status.
 */
@ApplicationScoped
public class StoreDeliveryWorker {

  private static final Logger LOG = Logger.getLogger(StoreDeliveryWorker.class.getName());
  private static final int BATCH = 20;

  @Inject
  @ConfigProperty(name = "crm.store.worker.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "crm.store.worker.sweep-period", defaultValue = "PT10S")
  String sweepPeriod;

  @Inject
  @ConfigProperty(name = "crm.store.worker.lease", defaultValue = "PT2M")
  String lease;

  @Inject
  @ConfigProperty(name = "crm.store.delivery.max-attempts", defaultValue = "5")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "crm.store.delivery.retry-delay", defaultValue = "PT5S")
  String retryDelay;

  @Inject
  @ConfigProperty(name = "crm.store.delivery.max-retry-delay", defaultValue = "PT10M")
  String maxRetryDelay;

  @Inject DeliveryTransactions transactions;

  @Inject StoreMetrics metrics;

  @Inject NodeIdentity node;

  @Inject org.clientele.crm.impl.validation.InputValidator validator;

  @Resource ManagedScheduledExecutorService executor;

  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean stopped;
  private ScheduledFuture<?> sweep;
  private String worker;
  private RetryPolicy policy;

  /** An EAR initializes each module: the first one schedules. */
  synchronized void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 550)
      @Initialized(ApplicationScoped.class) Object event) {
    if (sweep != null || !enabled) {
      return;
    }
    policy = new RetryPolicy(maxAttempts, Duration.parse(retryDelay), Duration.parse(maxRetryDelay));
    worker = workerName();
    Duration every = Duration.parse(sweepPeriod);
    sweep = executor.scheduleWithFixedDelay(this::nudge, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(() -> "Store deliveries are processed by " + worker + ", swept every " + every);
  }

  private String workerName() {
    try {
      return "store-" + node.name();
    } catch (RuntimeException e) {
      return "store-" + UUID.randomUUID();
    }
  }

  /** Asks for a drain soon; cheap and safe to call from any thread, any number of times. */
  public void nudge() {
    if (stopped || sweep == null) {
      return;
    }
    requested.set(true);
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drainWhileRequested);
      } catch (RuntimeException e) {
        draining.set(false);
        LOG.log(Level.FINE, "Could not start a store delivery drain; the sweep will", e);
      }
    }
  }

  private void drainWhileRequested() {
    if (!validator.ready()) {
      draining.set(false);
      return; // not before the application has started: the next sweep drains
    }
    try {
      while (!stopped && requested.getAndSet(false)) {
        drain();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Store delivery processing failed; the next sweep retries", e);
    } finally {
      draining.set(false);
    }
    if (requested.get()) {
      nudge();
    }
  }

  /** Claims and applies due deliveries until none is left; returns how many were handled. */
  public int drain() {
    int handled = 0;
    while (!stopped) {
      List<Long> claimed = transactions.claim(worker, BATCH, Duration.parse(lease));
      if (claimed.isEmpty()) {
        return handled;
      }
      for (long id : claimed) {
        process(id);
        handled++;
      }
    }
    return handled;
  }

  private void process(long id) {
    try {
      Optional<DeliveryTransactions.Applied> applied = transactions.apply(id, worker);
      applied.ifPresent(a -> {
        metrics.count(a.delivery().store(), a.delivery().topic(), a.result().status().name().toLowerCase(java.util.Locale.ROOT));
        LOG.fine(() -> "Store delivery " + id + " (" + a.delivery().topic() + ", correlation "
            + a.delivery().correlationId() + ") " + a.result().status()
            + (a.result().reason() == null ? "" : ": " + a.result().reason()));
      });
    } catch (RuntimeException e) {
      Throwable cause = rootCrm(e);
      boolean permanent = cause instanceof InvalidInputException || cause instanceof ConflictException
          || cause instanceof IllegalArgumentException;
      String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      Optional<DeliveryTransactions.Failure> failure = transactions.failed(id, reason, permanent, policy);
      boolean parked = failure.map(DeliveryTransactions.Failure::parked).orElse(false);
      failure.ifPresent(f -> metrics.count(f.delivery().store(), f.delivery().topic(), parked ? "failed" : "retried"));
      // ids and the exception's class only: messages may quote input values
      LOG.warning(() -> "Store delivery " + id + " failed (" + cause.getClass().getSimpleName() + ")"
          + (parked ? "; parked as a dead letter" : "; will retry"));
    }
  }

  /** The CRM exception or argument error inside transaction and interceptor wrappers, else the outermost. */
  static Throwable rootCrm(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.clientele.crm.api.CrmException || t instanceof IllegalArgumentException) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return e;
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    if (sweep != null) {
      sweep.cancel(false);
    }
  }
}

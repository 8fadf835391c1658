package org.clientele.crm.impl.segment;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.clientele.crm.api.customer.events.ConsentChanged;
import org.clientele.crm.api.customer.events.CustomerRegistered;
import org.clientele.crm.api.customer.events.CustomerUnmerged;
import org.clientele.crm.api.customer.events.CustomerUpdated;
import org.clientele.crm.api.customer.events.CustomersMerged;
import org.clientele.crm.api.interaction.events.InteractionRecorded;
import org.clientele.crm.api.purchase.events.PurchaseRecorded;
import org.clientele.crm.api.purchase.events.PurchaseRefunded;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps dynamic segments current between full recomputations: collects the customers whose profile, consents,
 * interactions or purchases changed (after their transactions commit) and, after a short delay that gathers
 * bursts into one batch, re-evaluates them in every dynamic segment. A failed batch is retried after a pause;
 * the periodic full recomputation catches anything lost to a restart.
 */
@ApplicationScoped
public class TouchedCustomers {

  private static final Logger LOG = Logger.getLogger(TouchedCustomers.class.getName());

  @Inject
  @ConfigProperty(name = "crm.segment.incremental.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "crm.segment.incremental.delay-ms", defaultValue = "200")
  long delayMillis;

  @Inject
  @ConfigProperty(name = "crm.segment.incremental.retry-ms", defaultValue = "5000")
  long retryMillis;

  @Inject DefaultSegmentationService segmentation;

  @Resource ManagedScheduledExecutorService executor;

  private final Set<Long> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean stopped;

  void registered(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomerRegistered event) {
    touch(List.of(event.customerId()));
  }

  void updated(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomerUpdated event) {
    touch(List.of(event.customerId()));
  }

  void consent(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConsentChanged event) {
    touch(List.of(event.customerId()));
  }

  void merged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomersMerged event) {
    touch(List.of(event.survivorId()));
    touch(event.mergedIds());
  }

  void unmerged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomerUnmerged event) {
    touch(List.of(event.survivorId()));
    touch(event.restoredIds());
  }

  void interaction(@Observes(during = TransactionPhase.AFTER_SUCCESS) InteractionRecorded event) {
    touch(List.of(event.customerId()));
  }

  void purchase(@Observes(during = TransactionPhase.AFTER_SUCCESS) PurchaseRecorded event) {
    touch(List.of(event.customerId()));
  }

  void refund(@Observes(during = TransactionPhase.AFTER_SUCCESS) PurchaseRefunded event) {
    touch(List.of(event.customerId()));
  }

  /** Queues customers for re-evaluation. */
  public void touch(Collection<Long> customerIds) {
    if (!enabled || customerIds.isEmpty()) {
      return;
    }
    pending.addAll(customerIds);
    schedule(delayMillis);
  }

  /** How many customers wait for re-evaluation (for health and tests). */
  public int pending() {
    return pending.size();
  }

  private void schedule(long delay) {
    if (stopped || !scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.schedule(this::flush, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the application is stopping: the next full recomputation catches up
      scheduled.set(false);
    }
  }

  private void flush() {
    List<Long> batch = new ArrayList<>();
    try {
      while (!stopped) {
        batch.clear();
        Iterator<Long> it = pending.iterator();
        while (it.hasNext() && batch.size() < SegmentSqlCompiler.MAX_SCOPE) {
          batch.add(it.next());
          it.remove();
        }
        if (batch.isEmpty()) {
          break;
        }
        segmentation.reevaluate(batch);
      }
      scheduled.set(false);
      if (!pending.isEmpty()) {
        schedule(delayMillis);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> "Re-evaluating the segments of " + batch.size() + " customers failed;"
          + " retrying in " + retryMillis + " ms");
      pending.addAll(batch);
      scheduled.set(false);
      schedule(retryMillis);
    }
  }

  @PreDestroy
  void stop() {
    stopped = true;
  }
}

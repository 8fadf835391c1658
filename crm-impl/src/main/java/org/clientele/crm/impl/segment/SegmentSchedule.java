package org.clientele.crm.impl.segment;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.clientele.crm.api.system.Leadership;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The periodic full recomputation: refreshes the RFM and engagement scores, then recomputes every dynamic
 * segment. It is what moves customers out of time windows ("purchased in the last 30 days") when nothing else
 * about them changes, and what repairs anything incremental updates missed (e.g. across a restart).
 *
 * <p>Every server schedules it, but only the holder of the lease {@value #LEASE} runs it ({@link Leadership}):
 * when the holder dies, the survivor's next period runs it.
 */
@ApplicationScoped
public class SegmentSchedule {

  private static final Logger LOG = Logger.getLogger(SegmentSchedule.class.getName());
  public static final String LEASE = "segment-recompute";

  @Inject
  @ConfigProperty(name = "crm.segment.recompute.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "crm.segment.recompute.period", defaultValue = "PT15M")
  String period;

  @Inject DefaultSegmentationService segmentation;

  @Inject Leadership leadership;

  @Resource ManagedScheduledExecutorService executor;

  private ScheduledFuture<?> task;

  /** An EAR initializes each module: the first one schedules. */
  synchronized void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 500)
      @Initialized(ApplicationScoped.class) Object event) {
    if (task != null || !enabled) {
      return;
    }
    Duration every = Duration.parse(period);
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("crm.segment.recompute.period must be positive: " + period);
    }
    leadership.isLeader(LEASE); // competes for the lease from now on, so that operators see its holder at once
    task = executor.scheduleWithFixedDelay(this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(() -> "Segments are recomputed every " + every);
  }

  private void run() {
    try {
      if (!leadership.isLeader(LEASE)) {
        return; // another server recomputes
      }
      Instant started = Instant.now();
      segmentation.evaluateAll();
      Instant ended = Instant.now();
      LOG.info(() -> "Scheduled segment recomputation done in " + Duration.between(started, ended).toMillis()
          + " ms (lease " + LEASE + ", from " + started + " to " + ended + ")");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The scheduled segment recomputation failed", e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}

package org.clientele.crm.impl.email;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.clientele.crm.api.email.EmailBulkSync;
import org.clientele.crm.api.email.EmailBulkSync.Candidate;
import org.clientele.crm.api.email.EmailBulkSync.Outcome;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewDeadLetter;
import org.clientele.crm.impl.email.InitialSyncStore.Counts;
import org.clientele.crm.impl.email.InitialSyncStore.Row;
import org.clientele.crm.impl.system.NodeIdentity;
import org.eclipse.microprofile.config.Config;

/**
 * Runs initial syncs in the background on the managed scheduled executor, like the store backfills: claims RUNNING
 * syncs with a lease (a new one at once, one left by a crash once its lease lapsed, this server's own at
 * start-up), walks the customers with an email by id in chunks, hands each chunk to the platform's
 * {@link EmailBulkSync} (one batch), records the outcomes (members like the per-member path, failures as dead
 * letters with the platform's detail) and then the checkpoint. A crash between a chunk's outcomes and its
 * checkpoint runs that chunk again: members are upserted again (no harm), a failure may be parked twice.
 */
@ApplicationScoped
public class InitialSyncRunner {

  private static final Logger LOG = Logger.getLogger(InitialSyncRunner.class.getName());
  static final String ROUTE = "email-initial-sync";

  @Inject Config config;

  @Inject InitialSyncTransactions transactions;

  @Inject DefaultEmailMemberRegistry members;

  @Inject DeadLetterService deadLetters;

  @Inject NodeIdentity node;

  @Inject @Any Instance<EmailBulkSync> platforms;

  @Resource ManagedScheduledExecutorService executor;

  /**
   * A sync runs for minutes to hours, mostly waiting for the platform's batches: on a thread of its own, not on
   * the default executor, whose few threads also serve HTTP requests (holding one for the whole sync starved the
   * REST API while JMS listeners held the others).
   */
  @Resource jakarta.enterprise.concurrent.ManagedThreadFactory threads;

  @jakarta.inject.Inject org.clientele.crm.impl.validation.InputValidator validator;

  private final Set<Long> active = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;
  private ScheduledFuture<?> sweep;
  private String worker;

  /** Stops a run without changing its row (cancelled, taken over, or the server stops). */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  synchronized void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 570)
      @Initialized(ApplicationScoped.class) Object event) {
    if (sweep != null) {
      return;
    }
    worker = workerName();
    Duration every = duration("crm.email.mailchimp.initial-sync.sweep-period", "PT10S");
    sweep = executor.scheduleWithFixedDelay(this::claimAndRun, every.toMillis(), every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The enabled platform with a bulk sync, if any. */
  Optional<EmailBulkSync> platform() {
    return platforms.stream().filter(EmailBulkSync::enabled).findFirst();
  }

  private String workerName() {
    try {
      return "email-sync-" + node.name();
    } catch (RuntimeException e) {
      return "email-sync-" + UUID.randomUUID();
    }
  }

  /** Claims what is due now (a sync just started or resumed). */
  public void nudge() {
    if (stopped || sweep == null) {
      return;
    }
    try {
      executor.execute(this::claimAndRun);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not start an initial-sync claim; the sweep will", e);
    }
  }

  private void claimAndRun() {
    if (stopped || !validator.ready()) {
      return; // not before the application has started (see InputValidator.ready): the next sweep claims
    }
    try {
      for (long id : transactions.claim(worker, lease())) {
        if (active.add(id)) {
          try {
            Thread thread = threads.newThread(() -> run(id));
            thread.setName("email-initial-sync-" + id);
            thread.start();
          } catch (RuntimeException e) {
            active.remove(id);
            throw e;
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Claiming initial syncs failed; the next sweep retries", e);
    }
  }

  void run(long id) {
    try {
      while (!stopped) {
        Optional<Row> found = transactions.load(id);
        if (found.isEmpty() || !InitialSyncStore.RUNNING.equals(found.get().status())
            || !worker.equals(found.get().claimedBy())) {
          return;
        }
        if (!chunk(found.get())) {
          return;
        }
      }
    } catch (Stopped e) {
      LOG.fine(() -> "Initial sync " + id + " stopped on " + worker);
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      transactions.finish(id, worker, InitialSyncStore.FAILED, reason);
      // the reason names HTTP statuses and exception classes, no personal data; logged by class only
      LOG.warning(() -> "Initial sync " + id + " failed (" + e.getClass().getSimpleName()
          + "); resume it once the cause is fixed");
    } finally {
      active.remove(id);
    }
  }

  /** One chunk: walked, sent as one batch, outcomes recorded, checkpoint; false when the run ends. */
  private boolean chunk(Row row) {
    EmailBulkSync platform = platform().filter(p -> p.platform().equals(row.platform()))
        .orElseThrow(() -> new IllegalStateException("the platform " + row.platform() + " is not enabled"));
    InitialSyncTransactions.Chunk chunk = transactions.chunk(row.platform(), row.audience(), row.lastCustomerId(),
        row.chunkSize());
    if (chunk.walked() == 0) {
      if (transactions.finish(row.id(), worker, InitialSyncStore.COMPLETED, null)) {
        LOG.info(() -> "Initial sync " + row.id() + " of " + row.platform() + " audience " + row.audience()
            + " completed");
      }
      return false;
    }
    java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.List<Outcome> outcomes = chunk.candidates().isEmpty() ? java.util.List.of()
        : platform.sync(chunk.candidates(), row.pendingBatch(), new EmailBulkSync.Progress() {
          @Override
          public void submitted(String batchId) {
            sent.set(true);
            if (!transactions.pending(row.id(), worker, batchId)) {
              throw new Stopped();
            }
          }

          @Override
          public void alive() {
            if (stopped || !transactions.renew(row.id(), worker, lease())) {
              throw new Stopped();
            }
          }
        });
    Map<Long, Candidate> byId = new java.util.HashMap<>();
    chunk.candidates().forEach(c -> byId.put(c.customerId(), c));
    long succeeded = 0;
    long failed = 0;
    long skipped = chunk.walked() - chunk.candidates().size();
    for (Outcome o : outcomes) {
      Candidate candidate = byId.remove(o.customerId());
      if (candidate == null) {
        continue; // not ours (or twice)
      }
      switch (o.result()) {
        case Outcome.SYNCED -> {
          members.record(o.member());
          succeeded++;
        }
        case Outcome.FAILED -> {
          park(row, candidate, o.reason());
          failed++;
        }
        default -> skipped++;
      }
    }
    for (Candidate lost : byId.values()) {
      // the platform reported nothing for it: a failure to look at, not silently done
      park(row, lost, "No result for the operation in the platform's batch");
      failed++;
    }
    long walked = chunk.walked();
    Counts counts = new Counts(walked, walked - skipped, succeeded, failed, skipped);
    // a batch went out in this chunk, or one sent before a restart was awaited; a chunk whose members the rule all
    // skipped sends none (common where most customers have no consent decision)
    boolean batch = sent.get() || row.pendingBatch() != null
        && outcomes.stream().anyMatch(o -> !Outcome.SKIPPED.equals(o.result()));
    return transactions.checkpoint(row.id(), worker, chunk.lastCustomerId(), counts, batch, lease());
  }

  private void park(Row row, Candidate candidate, String reason) {
    deadLetters.park(new NewDeadLetter(MessageDirection.OUTBOUND, EmailMemberOutbox.TARGET, ROUTE,
        EmailMemberOutbox.MEMBER_CHANGED, "initial-sync:" + row.id() + ":" + candidate.customerId(),
        String.valueOf(candidate.customerId()), candidate.memberChanged(), Map.of("initialSync",
        String.valueOf(row.id())), reason, "BatchOperationFailed", 1, null));
  }

  private Duration lease() {
    return duration("crm.email.mailchimp.initial-sync.lease", "PT2M");
  }

  private Duration duration(String key, String fallback) {
    return Duration.parse(config.getOptionalValue(key, String.class).orElse(fallback));
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    if (sweep != null) {
      sweep.cancel(false);
    }
  }
}

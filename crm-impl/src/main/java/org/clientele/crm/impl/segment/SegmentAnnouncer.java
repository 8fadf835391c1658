package org.clientele.crm.impl.segment;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.clientele.crm.api.segment.events.SegmentEntered;
import org.clientele.crm.api.segment.events.SegmentExited;

/**
 * Fires {@link SegmentEntered} and {@link SegmentExited} once per recorded entry and exit, after the change
 * committed and outside its transaction. A failing observer is logged and does not stop the others: the
 * membership is committed whatever observers do.
 */
@ApplicationScoped
public class SegmentAnnouncer {

  private static final Logger LOG = Logger.getLogger(SegmentAnnouncer.class.getName());

  @Inject Event<SegmentEntered> entered;

  @Inject Event<SegmentExited> exited;

  @Inject SegmentTransactions transactions;

  @Resource TransactionSynchronizationRegistry registry;

  /** Announces changes that have committed. */
  void announce(MembershipUpdater.Changes changes) {
    changes.entered().forEach(id -> enter(id, changes.segmentId(), changes.segmentKey(), changes.at()));
    changes.exited().forEach(id -> exit(id, changes.segmentId(), changes.segmentKey(), changes.at()));
  }

  /** Announces a committed full recomputation, reading its entries and exits back page by page. */
  void announce(long segmentId, String key, MembershipUpdater.Recomputed recomputed) {
    if (recomputed.entered() > 0) {
      transactions.read(c -> {
        MembershipUpdater.changesAt(c, segmentId, recomputed.at(), true, id -> enter(id, segmentId, key,
            recomputed.at()));
        return null;
      });
    }
    if (recomputed.exited() > 0) {
      transactions.read(c -> {
        MembershipUpdater.changesAt(c, segmentId, recomputed.at(), false, id -> exit(id, segmentId, key,
            recomputed.at()));
        return null;
      });
    }
  }

  /** Announces changes made in the caller's transaction once it commits (nothing if it rolls back). */
  void announceAfterCommit(List<MembershipUpdater.Changes> changes) {
    if (changes.stream().allMatch(MembershipUpdater.Changes::isEmpty)) {
      return;
    }
    registry.registerInterposedSynchronization(new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
          changes.forEach(SegmentAnnouncer.this::announce);
        }
      }
    });
  }

  private void enter(long customerId, long segmentId, String key, Instant at) {
    try {
      entered.fire(new SegmentEntered(customerId, segmentId, key, at));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> "An observer of SegmentEntered failed for customer " + customerId
          + " in segment " + key);
    }
  }

  private void exit(long customerId, long segmentId, String key, Instant at) {
    try {
      exited.fire(new SegmentExited(customerId, segmentId, key, at));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> "An observer of SegmentExited failed for customer " + customerId
          + " in segment " + key);
    }
  }
}

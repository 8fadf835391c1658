package org.clientele.crm.impl.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.clientele.crm.impl.system.LeaseStore.Lease;

/**
 * The leader lease on a migrated database (H2 or PostgreSQL): acquire, renew, expiry and take-over, fencing,
 * release, and a race for a free lease. Expiry without waiting: a lease acquired for a zero duration has expired by
 * the next statement (the database's clock).
 */
final class LeaseStoreCheck {

  private static final Duration LONG = Duration.ofMinutes(5);

  private LeaseStoreCheck() {}

  static void acquireRenewTakeOverAndFence(DataSource db) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);

      // a free lease: the first node takes it with epoch 1; another node cannot while it lives
      Lease a = LeaseStore.acquire(c, "segment-recompute", "node-a", 0, LONG);
      assertThat(a.heldBy("node-a")).isTrue();
      assertThat(a.epoch()).isEqualTo(1);
      Lease seenByB = LeaseStore.acquire(c, "segment-recompute", "node-b", 0, LONG);
      assertThat(seenByB.heldBy("node-b")).isFalse();
      assertThat(seenByB.holder()).isEqualTo("node-a");
      assertThat(seenByB.epoch()).isEqualTo(1);

      // renewal keeps the epoch and moves the expiry on
      Lease renewed = LeaseStore.acquire(c, "segment-recompute", "node-a", 1, LONG);
      assertThat(renewed.heldBy("node-a")).isTrue();
      assertThat(renewed.epoch()).isEqualTo(1);
      assertThat(renewed.acquiredAt()).isEqualTo(a.acquiredAt());
      assertThat(renewed.expiresAt()).isAfterOrEqualTo(a.expiresAt());

      // leases are independent
      assertThat(LeaseStore.acquire(c, "prediction-run", "node-b", 0, LONG).heldBy("node-b")).isTrue();

      // node-a stops renewing (it died): once expired, node-b takes over with a new epoch
      LeaseStore.acquire(c, "segment-recompute", "node-a", 1, Duration.ZERO);
      Lease takenOver = LeaseStore.acquire(c, "segment-recompute", "node-b", 0, LONG);
      assertThat(takenOver.heldBy("node-b")).isTrue();
      assertThat(takenOver.epoch()).isEqualTo(2);

      // fencing: node-a comes back with its old epoch and can neither renew nor take the live lease
      Lease stale = LeaseStore.acquire(c, "segment-recompute", "node-a", 1, LONG);
      assertThat(stale.heldBy("node-a")).isFalse();
      assertThat(stale.holder()).isEqualTo("node-b");
      assertThat(stale.epoch()).isEqualTo(2);
      assertThat(LeaseStore.release(c, "segment-recompute", "node-a", 1)).isFalse();

      // a holder that missed its renewal but was not taken over gets the lease back, with a new epoch
      LeaseStore.acquire(c, "segment-recompute", "node-b", 2, Duration.ZERO);
      Lease back = LeaseStore.acquire(c, "segment-recompute", "node-b", 2, LONG);
      assertThat(back.heldBy("node-b")).isTrue();
      assertThat(back.epoch()).isEqualTo(3);

      // an orderly release hands it over at once
      assertThat(LeaseStore.release(c, "segment-recompute", "node-b", 3)).isTrue();
      assertThat(LeaseStore.find(c, "segment-recompute").orElseThrow().heldBy("node-b")).isFalse();
      Lease afterRelease = LeaseStore.acquire(c, "segment-recompute", "node-a", 0, LONG);
      assertThat(afterRelease.heldBy("node-a")).isTrue();
      assertThat(afterRelease.epoch()).isEqualTo(4);

      assertThat(LeaseStore.all(c)).extracting(Lease::name, Lease::holder, Lease::epoch).containsExactly(
          org.assertj.core.groups.Tuple.tuple("prediction-run", "node-b", 1L),
          org.assertj.core.groups.Tuple.tuple("segment-recompute", "node-a", 4L));
    }
  }

  /** Eight nodes race for a free lease, then for the same lease once expired: exactly one wins each time. */
  static void oneWinnerWhenNodesRace(DataSource db) throws Exception {
    int nodes = 8;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      for (int round = 1; round <= 2; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Lease>> results = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          String node = "racer-" + i;
          Callable<Lease> race = () -> {
            try (Connection c = db.getConnection()) {
              c.setAutoCommit(true);
              start.await();
              return LeaseStore.acquire(c, "race", node, 0, LONG);
            }
          };
          results.add(pool.submit(race));
        }
        start.countDown();
        List<Lease> leases = new ArrayList<>();
        for (Future<Lease> f : results) {
          leases.add(f.get(30, TimeUnit.SECONDS));
        }
        long epoch = round;
        assertThat(leases).as("every racer sees the same holder and epoch")
            .extracting(Lease::holder, Lease::epoch).containsOnly(
                org.assertj.core.groups.Tuple.tuple(leases.get(0).holder(), epoch));
        assertThat(leases.stream().filter(l -> l.heldBy(l.holder()))).hasSize(nodes);
        try (Connection c = db.getConnection()) {
          c.setAutoCommit(true);
          Lease stored = LeaseStore.find(c, "race").orElseThrow();
          assertThat(stored.holder()).isEqualTo(leases.get(0).holder());
          assertThat(stored.epoch()).as("one take-over per round").isEqualTo(epoch);
          // the winner dies: its lease expires, and the next round races for it
          LeaseStore.acquire(c, "race", stored.holder(), stored.epoch(), Duration.ZERO);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

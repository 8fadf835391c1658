package org.clientele.crm.impl.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.clientele.crm.api.email.EmailInitialSync;
import org.clientele.crm.impl.email.InitialSyncStore.Counts;

/** The initial-sync table and the customer walk on a migrated database (H2 or PostgreSQL). */
final class InitialSyncStoreCheck {

  private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

  private InitialSyncStoreCheck() {}

  static void oneRunningPerAudienceLeasedClaimsCheckpointsAndTheWalk(DataSource db) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      long a = customer(c, "a@example.com", "ACTIVE");
      customer(c, null, "ACTIVE");
      long merged = customer(c, "m@example.com", "MERGED");
      long b = customer(c, "b@example.com", "ACTIVE");
      long d = customer(c, "d@example.com", "ACTIVE");
      assertThat(InitialSyncStore.countCustomers(c)).isEqualTo(3);
      // keyset pagination: only active profiles with an email, by id
      assertThat(InitialSyncStore.customersAfter(c, 0, 2)).containsExactly(a, b);
      assertThat(InitialSyncStore.customersAfter(c, b, 2)).containsExactly(d).doesNotContain(merged);
      assertThat(InitialSyncStore.customersAfter(c, d, 2)).isEmpty();

      long id = InitialSyncStore.insert(c, "mailchimp", "list1", 2, 3L, T);
      SQLException dup = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> InitialSyncStore.insert(c, "mailchimp", "list1", 2, 3L, T), SQLException.class);
      assertThat(dup.getSQLState()).as("one running sync per audience").isEqualTo("23505");
      long other = InitialSyncStore.insert(c, "mailchimp", "list2", 2, 3L, T);

      assertThat(InitialSyncStore.claim(c, "w1", T, T.plusSeconds(60))).containsExactly(id, other);
      assertThat(InitialSyncStore.claim(c, "w2", T.plusSeconds(30), T.plusSeconds(90))).isEmpty();
      assertThat(InitialSyncStore.renew(c, id, "w2", T.plusSeconds(120))).isFalse();
      assertThat(InitialSyncStore.renew(c, id, "w1", T.plusSeconds(120))).isTrue();

      // a chunk: its batch pending, then its checkpoint
      assertThat(InitialSyncStore.pending(c, id, "w1", "batch-1", T.plusSeconds(31))).isTrue();
      assertThat(InitialSyncStore.load(c, id).orElseThrow().pendingBatch()).isEqualTo("batch-1");
      assertThat(InitialSyncStore.checkpoint(c, id, "w2", b, new Counts(2, 2, 1, 1, 0), true, T.plusSeconds(40),
          T.plusSeconds(160))).as("not the holder").isFalse();
      assertThat(InitialSyncStore.checkpoint(c, id, "w1", b, new Counts(2, 2, 1, 1, 0), true, T.plusSeconds(40),
          T.plusSeconds(160))).isTrue();
      InitialSyncStore.Row row = InitialSyncStore.load(c, id).orElseThrow();
      assertThat(row.pendingBatch()).isNull();
      assertThat(row.lastCustomerId()).isEqualTo(b);
      EmailInitialSync view = row.view(T.plusSeconds(50));
      assertThat(view.considered()).isEqualTo(2);
      assertThat(view.succeeded()).isEqualTo(1);
      assertThat(view.failed()).isEqualTo(1);
      assertThat(view.batches()).isEqualTo(1);
      assertThat(view.totalEstimate()).isEqualTo(3);
      assertThat(view.ratePerSecond()).isPositive();
      assertThat(view.startedAt()).isEqualTo(T);

      // the lease lapses (the server crashed): another worker takes over from the checkpoint, the old one is out
      assertThat(InitialSyncStore.claim(c, "w2", T.plusSeconds(200), T.plusSeconds(260))).containsExactly(id, other);
      assertThat(InitialSyncStore.load(c, id).orElseThrow().runBase()).isEqualTo(2);
      assertThat(InitialSyncStore.finish(c, id, "w1", InitialSyncStore.FAILED, "late", T.plusSeconds(201)))
          .isFalse();

      // cancel keeps the checkpoint; resume makes it RUNNING and unclaimed again; done
      assertThat(InitialSyncStore.finish(c, id, null, InitialSyncStore.CANCELLED, null, T.plusSeconds(210))).isTrue();
      assertThat(InitialSyncStore.load(c, id).orElseThrow().status()).isEqualTo("CANCELLED");
      long again = InitialSyncStore.insert(c, "mailchimp", "list1", 5, 3L, T.plusSeconds(211));
      SQLException busy = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> InitialSyncStore.resume(c, id, T.plusSeconds(212)), SQLException.class);
      assertThat(busy.getSQLState()).as("another sync of the audience runs").isEqualTo("23505");
      assertThat(InitialSyncStore.finish(c, again, null, InitialSyncStore.CANCELLED, null, T.plusSeconds(213)))
          .isTrue();
      assertThat(InitialSyncStore.resume(c, id, T.plusSeconds(214))).isTrue();
      InitialSyncStore.Row resumed = InitialSyncStore.load(c, id).orElseThrow();
      assertThat(resumed.status()).isEqualTo("RUNNING");
      assertThat(resumed.claimedBy()).isNull();
      assertThat(resumed.lastCustomerId()).isEqualTo(b);
      assertThat(InitialSyncStore.claim(c, "w3", T.plusSeconds(215), T.plusSeconds(275))).contains(id);
      assertThat(InitialSyncStore.finish(c, id, "w3", InitialSyncStore.COMPLETED, null, T.plusSeconds(216))).isTrue();
      assertThat(InitialSyncStore.resume(c, id, T.plusSeconds(217))).as("completed").isFalse();
      assertThat(InitialSyncStore.list(c)).extracting(InitialSyncStore.Row::id).startsWith(again, other, id);
    }
  }

  private static long customer(Connection c, String email, String status) throws SQLException {
    long id;
    try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 10 FROM crm_customer");
        java.sql.ResultSet r = s.executeQuery()) {
      r.next();
      id = r.getLong(1);
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_customer (id, version, email, lifecycle_stage,"
        + " status, created_at, updated_at) VALUES (?, 0, ?, 'LEAD', ?, ?, ?)")) {
      s.setLong(1, id);
      s.setString(2, email);
      s.setString(3, status);
      s.setObject(4, T.atOffset(ZoneOffset.UTC));
      s.setObject(5, T.atOffset(ZoneOffset.UTC));
      s.executeUpdate();
    }
    return id;
  }
}

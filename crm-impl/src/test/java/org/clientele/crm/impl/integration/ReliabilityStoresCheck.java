package org.clientele.crm.impl.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterQuery;
import org.clientele.crm.api.integration.DeadLetterStatus;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.api.integration.OutboxMessage;
import org.clientele.crm.api.integration.RetryPolicy;

/** The outbox, inbound ledger and dead-letter stores on a migrated database (H2 or PostgreSQL). */
final class ReliabilityStoresCheck {

  private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
  private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10));

  private ReliabilityStoresCheck() {}

  static void outboxDeliversInOrderPerKeyWithBackoffAndDeadLetters(DataSource db) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      long a1 = OutboxStore.insert(c, message("a", "1"), "corr-a1", T);
      long b1 = OutboxStore.insert(c, message("b", "1"), null, T);
      long a2 = OutboxStore.insert(c, message("a", "2"), null, T);
      OutboxStore.insert(c, new NewOutboxMessage("store", "customer.changed", "a", "{}", null), null, T);

      // refreshing the statistics (PostgreSQL; nothing on H2) leaves the claims as they are
      OutboxStore.analyze(c);

      // only the head of each key is due; a second relay gets nothing while the claims live
      List<OutboxMessage> first = OutboxStore.claim(c, "erp", "relay-1", 10, T, T.plusSeconds(30));
      assertThat(first).extracting(OutboxMessage::id).containsExactly(a1, b1);
      assertThat(OutboxStore.claim(c, "erp", "relay-2", 10, T, T.plusSeconds(30))).isEmpty();

      // b delivered; a fails: a2 still waits behind a1, through a1's backoff
      assertThat(OutboxStore.delete(c, b1, "relay-2")).as("not relay-2's claim").isFalse();
      assertThat(OutboxStore.delete(c, b1, "relay-1")).isTrue();
      assertThat(OutboxStore.fail(c, a1, "relay-1", "connection refused", POLICY, T)).isFalse();
      assertThat(OutboxStore.claim(c, "erp", "relay-1", 10, T.plusMillis(999), T.plusSeconds(30))).isEmpty();
      assertThat(OutboxStore.claim(c, "erp", "relay-1", 10, T.plusSeconds(1), T.plusSeconds(30)))
          .extracting(OutboxMessage::id, OutboxMessage::attempts).containsExactly(org.assertj.core.groups.Tuple.tuple(a1, 1));

      // an expired claim (relay died) is taken over
      List<OutboxMessage> takenOver = OutboxStore.claim(c, "erp", "relay-2", 10, T.plusSeconds(31), T.plusSeconds(60));
      assertThat(takenOver).extracting(OutboxMessage::id).containsExactly(a1);

      // second failure waits 2 s (exponential), third parks it and lets a2 go ahead
      assertThat(OutboxStore.fail(c, a1, "relay-2", "HTTP 503", POLICY, T.plusSeconds(31))).isFalse();
      assertThat(OutboxStore.claim(c, "erp", "relay-2", 10, T.plusSeconds(32), T.plusSeconds(60))).isEmpty();
      assertThat(OutboxStore.claim(c, "erp", "relay-2", 10, T.plusSeconds(33), T.plusSeconds(60))).hasSize(1);
      assertThat(OutboxStore.fail(c, a1, "relay-2", "HTTP 503", POLICY, T.plusSeconds(33))).isTrue();
      assertThat(OutboxStore.find(c, a1)).isEmpty();
      assertThat(OutboxStore.claim(c, "erp", "relay-2", 10, T.plusSeconds(34), T.plusSeconds(60)))
          .extracting(OutboxMessage::id).containsExactly(a2);

      List<DeadLetter> parked = DeadLetterStore.list(c, new DeadLetterQuery("erp", MessageDirection.OUTBOUND,
          DeadLetterStatus.PARKED, null, null, null, 10));
      assertThat(parked).singleElement().satisfies(d -> {
        assertThat(d.messageKey()).isEqualTo("outbox:" + a1);
        assertThat(d.orderingKey()).isEqualTo("a");
        assertThat(d.payload()).isEqualTo("{\"seq\":\"1\"}");
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.reason()).isEqualTo("HTTP 503");
        assertThat(d.correlationId()).isEqualTo("corr-a1");
      });
      assertThat(OutboxStore.status(c)).extracting(s -> s.target() + ":" + s.pending())
          .containsExactly("erp:1", "store:1");
      assertThat(DeadLetterStore.counts(c)).containsEntry("erp", java.util.Map.of(DeadLetterStatus.PARKED, 1L));
    }
  }

  static void inboundLedgerAppliesOnceEvenConcurrently(DataSource db) throws Exception {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      assertThat(InboundLedgerStore.insertIfAbsent(c, "erp", "m-1", "customer", T)).isTrue();
      assertThat(InboundLedgerStore.insertIfAbsent(c, "erp", "m-1", "customer", T)).isFalse();
      assertThat(InboundLedgerStore.insertIfAbsent(c, "store", "m-1", "customer", T)).as("keys are per system")
          .isTrue();
    }
    // two transactions with the same new key: the second waits for the first and then fails, never both apply
    try (Connection first = db.getConnection(); Connection second = db.getConnection()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      assertThat(InboundLedgerStore.insertIfAbsent(first, "erp", "m-2", "order", T)).isTrue();
      CompletableFuture<Boolean> racing = CompletableFuture.supplyAsync(() -> {
        try {
          return InboundLedgerStore.insertIfAbsent(second, "erp", "m-2", "order", T);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(300);
      first.commit();
      assertThatThrownBy(() -> racing.get(20, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) rootCause(e)).getSQLState()).isIn("23505", "40001", "HYT00"));
      second.rollback();
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static NewOutboxMessage message(String key, String seq) {
    return new NewOutboxMessage("erp", "customer.changed", key, "{\"seq\":\"" + seq + "\"}", null);
  }
}

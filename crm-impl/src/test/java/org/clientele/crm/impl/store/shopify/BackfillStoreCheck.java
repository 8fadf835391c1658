package org.clientele.crm.impl.store.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.clientele.crm.api.store.StoreBackfill;

/** The backfill table on a migrated database (H2 or PostgreSQL). */
final class BackfillStoreCheck {

  private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
  private static final String SHOP = "a.myshopify.com";

  private BackfillStoreCheck() {}

  static void oneRunningPerShopLeasedClaimsAndCheckpoints(DataSource db) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      long id = BackfillStore.insert(c, "shopify", SHOP, "BOTH", "PAGED", null, "CUSTOMERS", T);
      // one running backfill per shop; another shop's may run
      SQLException dup = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> BackfillStore.insert(c, "shopify", SHOP, "ORDERS", "PAGED", null, "ORDERS", T), SQLException.class);
      assertThat(dup.getSQLState()).isEqualTo("23505");
      long other = BackfillStore.insert(c, "shopify", "b.myshopify.com", "CUSTOMERS", "PAGED", T.minusSeconds(86400),
          "CUSTOMERS", T);

      // two workers: each backfill is won by one; a held lease keeps others away, the holder may claim again
      assertThat(BackfillStore.claim(c, "w1", T, T.plusSeconds(60))).containsExactly(id, other);
      assertThat(BackfillStore.claim(c, "w2", T.plusSeconds(30), T.plusSeconds(90))).isEmpty();
      assertThat(BackfillStore.claim(c, "w1", T.plusSeconds(30), T.plusSeconds(90))).containsExactly(id, other);
      assertThat(BackfillStore.renew(c, id, "w2", T.plusSeconds(120))).isFalse();
      assertThat(BackfillStore.renew(c, id, "w1", T.plusSeconds(120))).isTrue();

      // a page and its checkpoint
      BackfillStore.checkpoint(c, id, "CUSTOMERS", "cursor-1", 4, 0, T.plusSeconds(40), T.plusSeconds(160));
      BackfillStore.total(c, id, true, 10);
      BackfillStore.Row row = BackfillStore.load(c, id, false).orElseThrow();
      assertThat(row.cursor()).isEqualTo("cursor-1");
      assertThat(row.pages()).isEqualTo(1);
      assertThat(row.customersProcessed()).isEqualTo(4);
      assertThat(row.customersTotal()).isEqualTo(10);
      assertThat(row.ordersTotal()).isNull();
      StoreBackfill view = row.view(T.plusSeconds(50));
      assertThat(view.estimatedTotal()).isNull();
      assertThat(view.processed()).isEqualTo(4);
      assertThat(view.ratePerSecond()).isPositive();
      // the holder claiming again on a later sweep keeps its run (and the rate's base)
      assertThat(BackfillStore.claim(c, "w1", T.plusSeconds(45), T.plusSeconds(165))).containsExactly(id, other);
      BackfillStore.Row reclaimed = BackfillStore.load(c, id, false).orElseThrow();
      assertThat(reclaimed.runBase()).isZero();
      assertThat(reclaimed.view(T.plusSeconds(50)).ratePerSecond()).isEqualTo(view.ratePerSecond());

      // the lease lapses (the server crashed): another worker takes over from the checkpoint
      assertThat(BackfillStore.claim(c, "w2", T.plusSeconds(200), T.plusSeconds(260))).containsExactly(id, other);
      assertThat(BackfillStore.load(c, id, false).orElseThrow().runBase()).isEqualTo(4);
      assertThat(BackfillStore.finish(c, id, "w1", BackfillStore.FAILED, "late", T.plusSeconds(201))).isFalse();
      BackfillStore.checkpoint(c, id, "DONE", null, 6, 9, T.plusSeconds(210), T.plusSeconds(270));
      BackfillStore.total(c, id, false, 9);
      assertThat(BackfillStore.load(c, id, false).orElseThrow().view(T.plusSeconds(210)).etaSeconds()).isZero();

      // failed: the shop is free for another backfill, which blocks a resume until it ends
      assertThat(BackfillStore.finish(c, id, "w2", BackfillStore.FAILED, "HTTP 500", T.plusSeconds(220))).isTrue();
      BackfillStore.Row failed = BackfillStore.load(c, id, false).orElseThrow();
      assertThat(failed.status()).isEqualTo("FAILED");
      assertThat(failed.lastError()).isEqualTo("HTTP 500");
      assertThat(failed.claimedBy()).isNull();
      long next = BackfillStore.insert(c, "shopify", SHOP, "ORDERS", "PAGED", null, "ORDERS", T.plusSeconds(230));
      assertThatThrownBy(() -> BackfillStore.resume(c, id, T.plusSeconds(231))).isInstanceOf(SQLException.class);
      assertThat(BackfillStore.finish(c, next, null, BackfillStore.CANCELLED, null, T.plusSeconds(232))).isTrue();
      assertThat(BackfillStore.finish(c, next, null, BackfillStore.CANCELLED, null, T.plusSeconds(233))).isFalse();
      assertThat(BackfillStore.resume(c, id, T.plusSeconds(240))).isTrue();
      assertThat(BackfillStore.resume(c, id, T.plusSeconds(241))).isFalse();
      BackfillStore.Row resumed = BackfillStore.load(c, id, false).orElseThrow();
      assertThat(resumed.status()).isEqualTo("RUNNING");
      assertThat(resumed.phase()).isEqualTo("DONE");
      assertThat(resumed.processed()).isEqualTo(19);
      assertThat(BackfillStore.list(c, SHOP)).extracting(BackfillStore.Row::id).containsExactly(next, id);
      assertThat(BackfillStore.list(c, null)).hasSizeGreaterThanOrEqualTo(3);
    }
  }
}

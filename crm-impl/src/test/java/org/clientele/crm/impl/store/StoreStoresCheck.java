package org.clientele.crm.impl.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.clientele.crm.api.store.StoreDelivery;
import org.clientele.crm.api.store.StoreDeliveryQuery;
import org.clientele.crm.api.store.StoreDeliveryStatus;

/** The store delivery and link tables on a migrated database (H2 or PostgreSQL). */
final class StoreStoresCheck {

  private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

  private StoreStoresCheck() {}

  private static DeliveryEnvelope envelope(String shop, String event, String topic) {
    return new DeliveryEnvelope("shopify", shop, topic, event, "w-1", T.minusSeconds(5), "2025-07");
  }

  static void deliveriesAreUniquePerEventAndClaimedByOneWorker(DataSource db) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      long d1 = DeliveryStore.insert(c, envelope("a.myshopify.com", "e-1", "customers/create"), "{\"id\":7001}",
          StoreDeliveryStatus.RECEIVED, null, "corr-1", T);
      long d2 = DeliveryStore.insert(c, envelope("a.myshopify.com", "e-2", "orders/create"), "{\"id\":8001}",
          StoreDeliveryStatus.RECEIVED, null, "corr-2", T);
      DeliveryStore.insert(c, envelope("a.myshopify.com", "e-3", "products/create"), "{}",
          StoreDeliveryStatus.SKIPPED, "unsupported topic", null, T);
      // the same event id of another shop is another delivery; of the same shop it is refused
      DeliveryStore.insert(c, envelope("b.myshopify.com", "e-1", "customers/create"), "{}",
          StoreDeliveryStatus.RECEIVED, null, null, T);
      assertThatThrownBy(() -> DeliveryStore.insert(c, envelope("a.myshopify.com", "e-1", "customers/create"), "{}",
          StoreDeliveryStatus.RECEIVED, null, null, T)).isInstanceOf(SQLException.class);
      assertThat(DeliveryStore.findByEvent(c, "shopify", "a.myshopify.com", "e-1")).contains(d1);

      // worker 1 claims the RECEIVED ones, oldest first; worker 2 gets nothing while the lease lives
      List<Long> first = DeliveryStore.claim(c, "w1", 2, T, T.plusSeconds(60));
      assertThat(first).containsExactly(d1, d2);
      assertThat(DeliveryStore.claim(c, "w2", 10, T, T.plusSeconds(60))).hasSize(1); // the other shop's
      assertThat(DeliveryStore.claim(c, "w2", 10, T.plusSeconds(1), T.plusSeconds(60))).isEmpty();
      assertThat(DeliveryStore.loadClaimed(c, d1, "w2")).isEmpty();
      assertThat(DeliveryStore.loadClaimed(c, d1, "w1")).get().extracting(StoredDelivery::payload)
          .isEqualTo("{\"id\":7001}");

      // d1 processed; d2 failed once and waits for its backoff, then a lapsed lease is taken over
      DeliveryStore.settle(c, d1, StoreDeliveryStatus.PROCESSED, null, T.plusSeconds(2));
      DeliveryStore.retry(c, d2, 1, "ResourceNotFoundException", T.plusSeconds(10));
      assertThat(DeliveryStore.claim(c, "w2", 10, T.plusSeconds(9), T.plusSeconds(70))).isEmpty();
      assertThat(DeliveryStore.claim(c, "w2", 10, T.plusSeconds(10), T.plusSeconds(70))).containsExactly(d2);
      assertThat(DeliveryStore.claim(c, "w1", 10, T.plusSeconds(71), T.plusSeconds(90))).contains(d2);

      StoreDelivery processed = DeliveryStore.find(c, d1).orElseThrow();
      assertThat(processed.status()).isEqualTo(StoreDeliveryStatus.PROCESSED);
      assertThat(processed.attempts()).isEqualTo(1);
      assertThat(processed.correlationId()).isEqualTo("corr-1");
      assertThat(DeliveryStore.list(c, new StoreDeliveryQuery("shopify", "a.myshopify.com", null,
          StoreDeliveryStatus.SKIPPED, null, 10))).extracting(StoreDelivery::topic).containsExactly("products/create");
      assertThat(DeliveryStore.counts(c)).anySatisfy(count -> {
        assertThat(count.shop()).isEqualTo("a.myshopify.com");
        assertThat(count.status()).isEqualTo(StoreDeliveryStatus.PROCESSED);
        assertThat(count.count()).isEqualTo(1);
      });

      // erasure: payloads mentioning the store customer go, the envelopes stay
      assertThat(DeliveryStore.blankPayloadsMentioning(c, "shopify", "a.myshopify.com", "7001")).isEqualTo(1);
      assertThat(DeliveryStore.load(c, d1).orElseThrow().payload()).isNull();
      assertThat(DeliveryStore.load(c, d2).orElseThrow().payload()).isNotNull();
    }
  }

  static void linksKeepTheNewestVersionAndShopRedaction(DataSource db) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(true);
      StoreCustomerStore.store(c, "shopify", "a.myshopify.com", new StoreCustomerLink("7001", 42L, T,
          StoreCustomerLink.State.ACTIVE), T);
      StoreCustomerLink link = StoreCustomerStore.find(c, "shopify", "a.myshopify.com", "7001").orElseThrow();
      assertThat(link.customerId()).isEqualTo(42L);
      assertThat(link.isNewerThan(T.minusSeconds(1))).isTrue();
      StoreCustomerStore.store(c, "shopify", "a.myshopify.com", new StoreCustomerLink("7001", 42L, T.plusSeconds(5),
          StoreCustomerLink.State.DELETED), T);
      assertThat(StoreCustomerStore.find(c, "shopify", "a.myshopify.com", "7001").orElseThrow().state())
          .isEqualTo(StoreCustomerLink.State.DELETED);
      assertThat(StoreCustomerStore.ofCustomer(c, 42L)).hasSize(1);
      assertThat(StoreCustomerStore.moveAll(c, List.of(42L), 43L)).isEqualTo(1);
      assertThat(StoreCustomerStore.ofCustomer(c, 43L)).hasSize(1);

      assertThat(StoreCustomerStore.shopRedacted(c, "shopify", "a.myshopify.com")).isFalse();
      StoreCustomerStore.markShopRedacted(c, "shopify", "a.myshopify.com", T);
      StoreCustomerStore.markShopRedacted(c, "shopify", "a.myshopify.com", T);
      assertThat(StoreCustomerStore.shopRedacted(c, "shopify", "a.myshopify.com")).isTrue();
      StoreCustomerStore.forgetShop(c, "shopify", "a.myshopify.com");
      assertThat(StoreCustomerStore.ofShop(c, "shopify", "a.myshopify.com")).isEmpty();
    }
  }
}

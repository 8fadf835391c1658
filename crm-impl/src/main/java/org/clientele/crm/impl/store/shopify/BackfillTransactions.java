package org.clientele.crm.impl.store.shopify;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.impl.persistence.Jdbc;
import org.clientele.crm.impl.store.StoreData;
import org.clientele.crm.impl.store.shopify.BackfillStore.Row;

/** The backfill table's units of work, each in a transaction of its own. */
@ApplicationScoped
public class BackfillTransactions {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject ShopifyAdapter adapter;

  @Inject StoreData data;

  /** @throws ConflictException when the shop has a running backfill */
  @Transactional(TxType.REQUIRES_NEW)
  public Row start(String shop, String what, String mode, Instant updatedSince) {
    if (data.shopRedacted(ShopifyAdapter.KIND, shop)) {
      throw new ConflictException("The shop " + shop + " was redacted (shop/redact): nothing is imported from it");
    }
    Instant now = Instant.now();
    String phase = "ORDERS".equals(what) ? "ORDERS" : "CUSTOMERS";
    long id = unique(() -> jdbc(c -> BackfillStore.insert(c, ShopifyAdapter.KIND, shop, what, mode, updatedSince,
        phase, now)), shop);
    return jdbc(c -> BackfillStore.load(c, id, false)).orElseThrow();
  }

  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Row> load(long id) {
    return jdbc(c -> BackfillStore.load(c, id, false));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public List<Row> list(String shop) {
    return jdbc(c -> BackfillStore.list(c, shop));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public List<Long> claim(String worker, Duration lease) {
    Instant now = Instant.now();
    return jdbc(c -> BackfillStore.claim(c, worker, now, now.plus(lease)));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public boolean renew(long id, String worker, Duration lease) {
    return jdbc(c -> BackfillStore.renew(c, id, worker, Instant.now().plus(lease)));
  }

  @Transactional(TxType.REQUIRES_NEW)
  public void total(long id, boolean customers, long total) {
    jdbc(c -> {
      BackfillStore.total(c, id, customers, total);
      return null;
    });
  }

  @Transactional(TxType.REQUIRES_NEW)
  public void error(long id, String error) {
    jdbc(c -> {
      BackfillStore.error(c, id, error, Instant.now());
      return null;
    });
  }

  /** Ends the worker's run (COMPLETED or FAILED); false if it no longer holds it. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean finish(long id, String worker, String status, String error) {
    return jdbc(c -> BackfillStore.finish(c, id, worker, status, error, Instant.now()));
  }

  /** RUNNING → CANCELLED; false when it was not running. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean cancel(long id) {
    return jdbc(c -> BackfillStore.finish(c, id, null, BackfillStore.CANCELLED, null, Instant.now()));
  }

  /**
   * FAILED or CANCELLED → RUNNING; false when it was in neither state.
   *
   * @throws ConflictException when another backfill of the shop is running
   */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean resume(long id, String shop) {
    return unique(() -> jdbc(c -> BackfillStore.resume(c, id, Instant.now())), shop);
  }

  /** A page's effect, counted per kind. */
  public record Applied(long customers, long orders) {}

  /**
   * Applies a page of customers and stores the checkpoint in the same transaction: a crash leaves either both
   * or neither. Returns empty when the worker no longer holds a running claim (cancelled or taken over).
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Applied> customers(long id, String worker, List<ShopifyCustomer> page, String nextPhase,
      String nextCursor, Duration lease) {
    Optional<Row> row = held(id, worker);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String shop = row.get().shop();
    for (ShopifyCustomer c : page) {
      adapter.backfillCustomer(shop, c);
    }
    checkpoint(id, nextPhase, nextCursor, page.size(), 0, lease);
    return Optional.of(new Applied(page.size(), 0));
  }

  /** Applies a page of orders (with their refunds) and stores the checkpoint, as {@link #customers}. */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Applied> orders(long id, String worker, List<ShopifyOrder> page, List<JsonObject> nodes,
      String nextPhase, String nextCursor, Duration lease) {
    Optional<Row> row = held(id, worker);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String shop = row.get().shop();
    for (int i = 0; i < page.size(); i++) {
      adapter.backfillOrder(shop, page.get(i), ShopifyGraphQl.refunds(nodes.get(i)));
    }
    checkpoint(id, nextPhase, nextCursor, 0, page.size(), lease);
    return Optional.of(new Applied(0, page.size()));
  }

  /** Bulk mode: records the phase's operation; false if the worker no longer holds the claim. */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean bulkStarted(long id, String worker, String operationId) {
    if (held(id, worker).isEmpty()) {
      return false;
    }
    jdbc(c -> {
      BackfillStore.bulkStarted(c, id, operationId, Instant.now());
      return null;
    });
    return true;
  }

  /**
   * Bulk mode: applies a batch of result lines (customers, or orders with their folded-in children) and stores
   * the line reached (or the next phase) in the same transaction. Empty when the claim is no longer held.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Applied> bulkBatch(long id, String worker, boolean customers, List<JsonObject> nodes,
      String phase, boolean phaseEnded, long line, Duration lease) {
    Optional<Row> row = held(id, worker);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String shop = row.get().shop();
    for (JsonObject node : nodes) {
      if (customers) {
        adapter.backfillCustomer(shop, ShopifyGraphQl.customer(node));
      } else {
        adapter.backfillOrder(shop, ShopifyGraphQl.order(node), ShopifyGraphQl.refunds(node));
      }
    }
    Instant now = Instant.now();
    long n = nodes.size();
    jdbc(c -> {
      BackfillStore.bulkCheckpoint(c, id, phase, phaseEnded, line, customers ? n : 0, customers ? 0 : n, now,
          now.plus(lease));
      return null;
    });
    return Optional.of(new Applied(customers ? n : 0, customers ? 0 : n));
  }

  /** The row, locked, if the worker holds its running claim and the shop was not redacted since. */
  private Optional<Row> held(long id, String worker) {
    Optional<Row> row = jdbc(c -> BackfillStore.load(c, id, true))
        .filter(r -> BackfillStore.RUNNING.equals(r.status()) && worker.equals(r.claimedBy()));
    if (row.isPresent() && data.shopRedacted(ShopifyAdapter.KIND, row.get().shop())) {
      throw new IllegalStateException("the shop was redacted (shop/redact)");
    }
    return row;
  }

  private void checkpoint(long id, String phase, String cursor, long customers, long orders, Duration lease) {
    Instant now = Instant.now();
    jdbc(c -> {
      BackfillStore.checkpoint(c, id, phase, cursor, customers, orders, now, now.plus(lease));
      return null;
    });
  }

  private <T> T unique(java.util.function.Supplier<T> work, String shop) {
    try {
      return work.get();
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        throw new ConflictException("A backfill of " + shop + " is running already");
      }
      throw e;
    }
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Store backfill storage", work);
  }
}

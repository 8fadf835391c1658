package org.clientele.crm.impl.store.shopify;

import static org.clientele.crm.impl.persistence.Jdbc.at;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.store.StoreBackfill;
import org.clientele.crm.impl.persistence.Jdbc;

/** The crm_store_backfill table's operations on the caller's connection and transaction. */
final class BackfillStore {

  static final String RUNNING = "RUNNING";
  static final String COMPLETED = "COMPLETED";
  static final String FAILED = "FAILED";
  static final String CANCELLED = "CANCELLED";

  /** One row. */
  record Row(long id, String store, String shop, String what, String mode, Instant updatedSince, String status,
      String phase, String cursor, long pages, long customersProcessed, long ordersProcessed, Long customersTotal,
      Long ordersTotal, Instant createdAt, Instant updatedAt, Instant finishedAt, String lastError,
      Instant runStartedAt, long runBase, String claimedBy, Instant claimedUntil, String bulkOperationId,
      long bulkLine) {

    long processed() {
      return customersProcessed + ordersProcessed;
    }

    /** Customers and/or orders, as the phases to run. */
    boolean wantsCustomers() {
      return !"ORDERS".equals(what);
    }

    boolean wantsOrders() {
      return !"CUSTOMERS".equals(what);
    }

    StoreBackfill view(Instant now) {
      Long estimate = null;
      boolean known = (!wantsCustomers() || customersTotal != null) && (!wantsOrders() || ordersTotal != null);
      if (known) {
        estimate = (wantsCustomers() ? customersTotal : 0) + (wantsOrders() ? ordersTotal : 0);
      }
      double rate = 0;
      if (runStartedAt != null) {
        Instant end = RUNNING.equals(status) ? now : updatedAt;
        double seconds = Math.max(0.001, Duration.between(runStartedAt, end).toMillis() / 1000.0);
        rate = Math.max(0, processed() - runBase) / seconds;
      }
      Long eta = null;
      if (RUNNING.equals(status) && estimate != null && rate > 0) {
        eta = (long) Math.ceil(Math.max(0, estimate - processed()) / rate);
      }
      return new StoreBackfill(id, store, shop, what, mode, updatedSince, status, phase, pages, customersProcessed,
          ordersProcessed, customersTotal, ordersTotal, processed(), estimate, Math.round(rate * 100) / 100.0, eta,
          createdAt, updatedAt, finishedAt, lastError);
    }
  }

  private static final String COLUMNS = "id, store, shop, what, mode, updated_since, status, phase, page_cursor,"
      + " pages, customers_processed, orders_processed, customers_total, orders_total, created_at, updated_at,"
      + " finished_at, last_error, run_started_at, run_base, claimed_by, claimed_until, bulk_operation_id, bulk_line";

  private BackfillStore() {}

  /** @throws SQLException with SQL state 23505 when the shop already has a running backfill */
  static long insert(Connection c, String store, String shop, String what, String mode, Instant updatedSince,
      String phase, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_store_backfill (store, shop, what, mode,"
        + " updated_since, status, running_shop, phase, pages, customers_processed, orders_processed, created_at,"
        + " updated_at, run_base, bulk_line) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, 0, 0, 0, ?, ?, 0, 0)",
        Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setString(3, what);
      s.setString(4, mode);
      s.setObject(5, at(updatedSince));
      s.setString(6, shop);
      s.setString(7, phase);
      s.setObject(8, at(now));
      s.setObject(9, at(now));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static Optional<Row> load(Connection c, long id, boolean lock) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_store_backfill WHERE id = ?"
        + (lock ? " FOR UPDATE" : ""))) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  static List<Row> list(Connection c, String shop) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM crm_store_backfill"
        + (shop == null ? "" : " WHERE shop = ?") + " ORDER BY id DESC FETCH FIRST 200 ROWS ONLY")) {
      if (shop != null) {
        s.setString(1, shop);
      }
      List<Row> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
      return out;
    }
  }

  /**
   * Claims RUNNING backfills whose lease lapsed (a crashed or stopped server's), or this worker's own (after a
   * restart of this server): a conditional update, so two servers never both win one.
   */
  static List<Long> claim(Connection c, String worker, Instant now, Instant until) throws SQLException {
    List<Long> candidates = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM crm_store_backfill WHERE status = 'RUNNING'"
        + " AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?) ORDER BY id")) {
      s.setObject(1, at(now));
      s.setString(2, worker);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          candidates.add(r.getLong(1));
        }
      }
    }
    List<Long> claimed = new ArrayList<>();
    // A run (the base of its rate) starts when a worker takes the backfill over, not when its holder claims it
    // again on a later sweep: that reset the rate to 0 when the sweep came after the last page.
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET"
        + " run_started_at = CASE WHEN claimed_by = ? AND run_started_at IS NOT NULL THEN run_started_at ELSE ? END,"
        + " run_base = CASE WHEN claimed_by = ? AND run_started_at IS NOT NULL THEN run_base"
        + " ELSE customers_processed + orders_processed END,"
        + " claimed_by = ?, claimed_until = ?, updated_at = ? WHERE id = ?"
        + " AND status = 'RUNNING' AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)")) {
      for (Long id : candidates) {
        s.setString(1, worker);
        s.setObject(2, at(now));
        s.setString(3, worker);
        s.setString(4, worker);
        s.setObject(5, at(until));
        s.setObject(6, at(now));
        s.setLong(7, id);
        s.setObject(8, at(now));
        s.setString(9, worker);
        if (s.executeUpdate() == 1) {
          claimed.add(id);
        }
      }
    }
    return claimed;
  }

  /** Extends the worker's lease; false when the backfill is no longer running or no longer its. */
  static boolean renew(Connection c, long id, String worker, Instant until) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET claimed_until = ? WHERE id = ?"
        + " AND status = 'RUNNING' AND claimed_by = ?")) {
      s.setObject(1, at(until));
      s.setLong(2, id);
      s.setString(3, worker);
      return s.executeUpdate() == 1;
    }
  }

  /** The checkpoint after a page, in the page's transaction. */
  static void checkpoint(Connection c, long id, String phase, String cursor, long customers, long orders,
      Instant now, Instant until) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET phase = ?, page_cursor = ?,"
        + " pages = pages + 1, customers_processed = customers_processed + ?, orders_processed = orders_processed"
        + " + ?, updated_at = ?, claimed_until = ? WHERE id = ?")) {
      s.setString(1, phase);
      s.setString(2, cursor);
      s.setLong(3, customers);
      s.setLong(4, orders);
      s.setObject(5, at(now));
      s.setObject(6, at(until));
      s.setLong(7, id);
      s.executeUpdate();
    }
  }

  /** Bulk mode: the phase's operation was started (its result is read from line 0). */
  static void bulkStarted(Connection c, long id, String operationId, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET bulk_operation_id = ?, bulk_line = 0,"
        + " updated_at = ? WHERE id = ?")) {
      s.setString(1, operationId);
      s.setObject(2, at(now));
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  /**
   * Bulk mode: the checkpoint after a batch of the result file, in the batch's transaction: the line reached, or
   * (phase ended) the next phase with the operation cleared.
   */
  static void bulkCheckpoint(Connection c, long id, String phase, boolean phaseEnded, long line, long customers,
      long orders, Instant now, Instant until) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET phase = ?, bulk_line = ?,"
        + (phaseEnded ? " bulk_operation_id = NULL," : "") + " pages = pages + 1, customers_processed ="
        + " customers_processed + ?, orders_processed = orders_processed + ?, updated_at = ?, claimed_until = ?"
        + " WHERE id = ?")) {
      s.setString(1, phase);
      s.setLong(2, phaseEnded ? 0 : line);
      s.setLong(3, customers);
      s.setLong(4, orders);
      s.setObject(5, at(now));
      s.setObject(6, at(until));
      s.setLong(7, id);
      s.executeUpdate();
    }
  }

  static void total(Connection c, long id, boolean customers, long total) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET "
        + (customers ? "customers_total" : "orders_total") + " = ? WHERE id = ?")) {
      s.setLong(1, total);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  static void error(Connection c, long id, String error, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET last_error = ?, updated_at = ?"
        + " WHERE id = ?")) {
      s.setString(1, Jdbc.truncated(error));
      s.setObject(2, at(now));
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  /**
   * Ends a run: COMPLETED, FAILED or CANCELLED (the checkpoint stays); only from RUNNING and, when a worker is
   * given, only by the worker holding the claim.
   */
  static boolean finish(Connection c, long id, String worker, String status, String error, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET status = ?, running_shop = NULL,"
        + " claimed_by = NULL, claimed_until = NULL, finished_at = ?, updated_at = ?"
        + (error == null ? "" : ", last_error = ?") + " WHERE id = ? AND status = 'RUNNING'"
        + (worker == null ? "" : " AND claimed_by = ?"))) {
      int i = 1;
      s.setString(i++, status);
      s.setObject(i++, at(now));
      s.setObject(i++, at(now));
      if (error != null) {
        s.setString(i++, Jdbc.truncated(error));
      }
      s.setLong(i++, id);
      if (worker != null) {
        s.setString(i, worker);
      }
      return s.executeUpdate() == 1;
    }
  }

  /**
   * FAILED or CANCELLED → RUNNING from the checkpoint, unclaimed.
   *
   * @throws SQLException with SQL state 23505 when another backfill of the shop is running
   */
  static boolean resume(Connection c, long id, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_backfill SET status = 'RUNNING',"
        + " running_shop = shop, claimed_by = NULL, claimed_until = NULL, finished_at = NULL, updated_at = ?"
        + " WHERE id = ? AND status IN ('FAILED', 'CANCELLED')")) {
      s.setObject(1, at(now));
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    }
  }

  private static Row row(ResultSet r) throws SQLException {
    return new Row(r.getLong("id"), r.getString("store"), r.getString("shop"), r.getString("what"),
        r.getString("mode"), instant(r, "updated_since"), r.getString("status"), r.getString("phase"),
        r.getString("page_cursor"), r.getLong("pages"), r.getLong("customers_processed"),
        r.getLong("orders_processed"), longOrNull(r, "customers_total"), longOrNull(r, "orders_total"),
        instant(r, "created_at"), instant(r, "updated_at"), instant(r, "finished_at"), r.getString("last_error"),
        instant(r, "run_started_at"), r.getLong("run_base"), r.getString("claimed_by"), instant(r, "claimed_until"),
        r.getString("bulk_operation_id"), r.getLong("bulk_line"));
  }

  private static Long longOrNull(ResultSet r, String column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? null : v;
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}

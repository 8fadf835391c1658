package org.clientele.crm.impl.store;

import static org.clientele.crm.impl.persistence.Jdbc.at;
import static org.clientele.crm.impl.store.DeliveryStore.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Store-customer links, redacted shops and data requests, on the caller's connection and transaction. */
final class StoreCustomerStore {

  private StoreCustomerStore() {}

  static Optional<StoreCustomerLink> find(Connection c, String store, String shop, String storeCustomerId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT store_customer_id, customer_id, source_updated_at, state"
        + " FROM crm_store_customer WHERE store = ? AND shop = ? AND store_customer_id = ? FOR UPDATE")) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setString(3, storeCustomerId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(link(r)) : Optional.empty();
      }
    }
  }

  static List<StoreCustomerLink> ofShop(Connection c, String store, String shop) throws SQLException {
    List<StoreCustomerLink> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT store_customer_id, customer_id, source_updated_at, state"
        + " FROM crm_store_customer WHERE store = ? AND shop = ? ORDER BY store_customer_id")) {
      s.setString(1, store);
      s.setString(2, shop);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(link(r));
        }
      }
    }
    return out;
  }

  private static StoreCustomerLink link(ResultSet r) throws SQLException {
    long customer = r.getLong("customer_id");
    return new StoreCustomerLink(r.getString("store_customer_id"), r.wasNull() ? null : customer,
        instant(r, "source_updated_at"), StoreCustomerLink.State.valueOf(r.getString("state")));
  }

  /** Creates or replaces the link. */
  static void store(Connection c, String store, String shop, StoreCustomerLink link, Instant now)
      throws SQLException {
    Instant closed = link.state() == StoreCustomerLink.State.ACTIVE ? null : now;
    try (PreparedStatement s = c.prepareStatement("UPDATE crm_store_customer SET customer_id = ?,"
        + " source_updated_at = ?, state = ?, closed_at = ? WHERE store = ? AND shop = ? AND store_customer_id = ?")) {
      s.setObject(1, link.customerId());
      s.setObject(2, at(link.sourceUpdatedAt()));
      s.setString(3, link.state().name());
      s.setObject(4, at(closed));
      s.setString(5, store);
      s.setString(6, shop);
      s.setString(7, link.storeCustomerId());
      if (s.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_store_customer (store, shop, store_customer_id,"
        + " customer_id, source_updated_at, state, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setString(3, link.storeCustomerId());
      s.setObject(4, link.customerId());
      s.setObject(5, at(link.sourceUpdatedAt()));
      s.setString(6, link.state().name());
      s.setObject(7, at(closed));
      s.executeUpdate();
    }
  }

  /** A link with its store and shop. */
  record ShopLink(String store, String shop, StoreCustomerLink link) {}

  static List<ShopLink> ofCustomer(Connection c, long customerId) throws SQLException {
    List<ShopLink> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT store, shop, store_customer_id, customer_id,"
        + " source_updated_at, state FROM crm_store_customer WHERE customer_id = ? ORDER BY store, shop,"
        + " store_customer_id")) {
      s.setLong(1, customerId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new ShopLink(r.getString("store"), r.getString("shop"), link(r)));
        }
      }
    }
    return out;
  }

  static int moveAll(Connection c, List<Long> from, long to) throws SQLException {
    int moved = 0;
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE crm_store_customer SET customer_id = ? WHERE customer_id = ?")) {
      for (Long id : from) {
        s.setLong(1, to);
        s.setLong(2, id);
        moved += s.executeUpdate();
      }
    }
    return moved;
  }

  static void deleteDataRequests(Connection c, String store, String shop, String storeCustomerId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "DELETE FROM crm_store_data_request WHERE store = ? AND shop = ? AND store_customer_id = ?")) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setString(3, storeCustomerId);
      s.executeUpdate();
    }
  }

  static boolean shopRedacted(Connection c, String store, String shop) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT 1 FROM crm_store_shop_redaction WHERE store = ? AND shop = ?")) {
      s.setString(1, store);
      s.setString(2, shop);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static void markShopRedacted(Connection c, String store, String shop, Instant now) throws SQLException {
    if (shopRedacted(c, store, shop)) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO crm_store_shop_redaction (store, shop, redacted_at) VALUES (?, ?, ?)")) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setObject(3, at(now));
      s.executeUpdate();
    }
  }

  /** Drops a shop's links (after its profiles were dealt with) and its data requests. */
  static void forgetShop(Connection c, String store, String shop) throws SQLException {
    for (String table : List.of("crm_store_customer", "crm_store_data_request")) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE store = ? AND shop = ?")) {
        s.setString(1, store);
        s.setString(2, shop);
        s.executeUpdate();
      }
    }
  }
}

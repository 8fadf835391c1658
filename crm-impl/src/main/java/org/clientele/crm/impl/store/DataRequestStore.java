package org.clientele.crm.impl.store;

import static org.clientele.crm.impl.persistence.Jdbc.at;
import static org.clientele.crm.impl.store.DeliveryStore.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.clientele.crm.api.store.StoreDataRequest;

/** The crm_store_data_request table on the caller's connection and transaction. */
final class DataRequestStore {

  private static final String VIEW = "id, store, shop, request_id, store_customer_id, customer_ids, created_at,"
      + " delivery_id";

  private DataRequestStore() {}

  static boolean exists(Connection c, String store, String shop, String requestId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT 1 FROM crm_store_data_request WHERE store = ? AND shop = ? AND request_id = ?")) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setString(3, requestId);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static void insert(Connection c, String store, String shop, String requestId, String storeCustomerId,
      List<Long> customerIds, String export, long deliveryId, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_store_data_request (store, shop, request_id,"
        + " store_customer_id, customer_ids, export_json, created_at, delivery_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, store);
      s.setString(2, shop);
      s.setString(3, requestId);
      s.setString(4, storeCustomerId);
      s.setString(5, customerIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
      s.setString(6, export);
      s.setObject(7, at(now));
      s.setLong(8, deliveryId);
      s.executeUpdate();
    }
  }

  static List<StoreDataRequest> list(Connection c, String shop) throws SQLException {
    List<StoreDataRequest> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + VIEW + " FROM crm_store_data_request"
        + (shop == null ? "" : " WHERE shop = ?") + " ORDER BY id DESC FETCH FIRST 500 ROWS ONLY")) {
      if (shop != null) {
        s.setString(1, shop);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(view(r));
        }
      }
    }
    return out;
  }

  static Optional<StoreDataRequest> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + VIEW + " FROM crm_store_data_request WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(view(r)) : Optional.empty();
      }
    }
  }

  static Optional<String> export(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT export_json FROM crm_store_data_request WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  private static StoreDataRequest view(ResultSet r) throws SQLException {
    String ids = r.getString("customer_ids");
    List<Long> customerIds = ids == null || ids.isBlank() ? List.of()
        : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
    return new StoreDataRequest(r.getLong("id"), r.getString("store"), r.getString("shop"),
        r.getString("request_id"), r.getString("store_customer_id"), customerIds, instant(r, "created_at"),
        r.getLong("delivery_id"));
  }
}

package org.clientele.crm.impl.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.clientele.crm.impl.persistence.Jdbc;

/**
 * The store tables as the adapters use them while applying a delivery, in the delivery's transaction (so that
 * the staleness mark commits with the delivery's status).
 */
@ApplicationScoped
public class StoreData {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  /** The link, locked until the transaction ends (two deliveries about one customer apply one after another). */
  @Transactional(TxType.MANDATORY)
  public Optional<StoreCustomerLink> link(String store, String shop, String storeCustomerId) {
    return jdbc(c -> StoreCustomerStore.find(c, store, shop, storeCustomerId));
  }

  @Transactional(TxType.MANDATORY)
  public void storeLink(String store, String shop, StoreCustomerLink link) {
    jdbc(c -> {
      StoreCustomerStore.store(c, store, shop, link, Instant.now());
      return null;
    });
  }

  @Transactional(TxType.MANDATORY)
  public List<StoreCustomerLink> links(String store, String shop) {
    return jdbc(c -> StoreCustomerStore.ofShop(c, store, shop));
  }

  @Transactional(TxType.MANDATORY)
  public boolean shopRedacted(String store, String shop) {
    return jdbc(c -> StoreCustomerStore.shopRedacted(c, store, shop));
  }

  /** Marks the shop redacted, blanks its deliveries' payloads and drops its links and data requests. */
  @Transactional(TxType.MANDATORY)
  public void forgetShop(String store, String shop) {
    jdbc(c -> {
      StoreCustomerStore.markShopRedacted(c, store, shop, Instant.now());
      DeliveryStore.blankPayloads(c, store, shop);
      StoreCustomerStore.forgetShop(c, store, shop);
      return null;
    });
  }

  /**
   * Blanks the shop's stored payloads that mention the text (a store customer or order id) and drops the data
   * requests answered for that store customer.
   */
  @Transactional(TxType.MANDATORY)
  public void forgetMentions(String store, String shop, String text) {
    jdbc(c -> {
      DeliveryStore.blankPayloadsMentioning(c, store, shop, text);
      StoreCustomerStore.deleteDataRequests(c, store, shop, text);
      return null;
    });
  }

  @Transactional(TxType.MANDATORY)
  public boolean dataRequestExists(String store, String shop, String requestId) {
    return jdbc(c -> DataRequestStore.exists(c, store, shop, requestId));
  }

  @Transactional(TxType.MANDATORY)
  public void storeDataRequest(String store, String shop, String requestId, String storeCustomerId,
      List<Long> customerIds, String export, long deliveryId) {
    jdbc(c -> {
      DataRequestStore.insert(c, store, shop, requestId, storeCustomerId, customerIds, export, deliveryId,
          Instant.now());
      return null;
    });
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Store storage", work);
  }
}

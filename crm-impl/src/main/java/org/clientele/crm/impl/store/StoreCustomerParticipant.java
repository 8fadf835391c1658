package org.clientele.crm.impl.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.clientele.crm.impl.customer.CustomerDataParticipant;
import org.clientele.crm.impl.persistence.Jdbc;

/**
 * The store links of a customer through merges, export and erasure. Erasure (whoever asks: REST, a store's
 * customers/redact) marks the customer's store links REDACTED (later deliveries about them are not applied),
 * blanks the stored payloads of that shop that mention the store customer (or the guest order), and drops the
 * data requests answered for them. Unmerge leaves links with the survivor (links are not merge before-image rows).
 */
@ApplicationScoped
public class StoreCustomerParticipant implements CustomerDataParticipant {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  /** A store link as exported. */
  public record StoreLinkExport(String store, String shop, String storeCustomerId, String state) {}

  @Override
  public String name() {
    return "store-links";
  }

  @Override
  public List<Long> idsOwnedBy(long customerId) {
    return List.of();
  }

  @Override
  public void moveAll(List<Long> fromCustomers, long toCustomer) {
    jdbc(c -> StoreCustomerStore.moveAll(c, fromCustomers, toCustomer));
  }

  @Override
  public void moveBack(List<Long> ids, long toCustomer) {}

  @Override
  public List<?> export(long customerId) {
    return jdbc(c -> StoreCustomerStore.ofCustomer(c, customerId)).stream()
        .map(l -> new StoreLinkExport(l.store(), l.shop(), l.link().storeCustomerId(), l.link().state().name()))
        .toList();
  }

  @Override
  public void anonymize(long customerId) {
    jdbc(c -> {
      for (StoreCustomerStore.ShopLink l : StoreCustomerStore.ofCustomer(c, customerId)) {
        String id = l.link().storeCustomerId();
        DeliveryStore.blankPayloadsMentioning(c, l.store(), l.shop(), id.startsWith("order:")
            ? id.substring("order:".length()) : id);
        StoreCustomerStore.deleteDataRequests(c, l.store(), l.shop(), id);
        StoreCustomerStore.store(c, l.store(), l.shop(), new StoreCustomerLink(id, null, null,
            StoreCustomerLink.State.REDACTED), Instant.now());
      }
      return null;
    });
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Store link storage", work);
  }
}

package org.clientele.crm.impl.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.clientele.crm.api.store.StoreDataRequest;
import org.clientele.crm.api.store.StoreDelivery;
import org.clientele.crm.api.store.StoreDeliveryCount;
import org.clientele.crm.api.store.StoreDeliveryQuery;
import org.clientele.crm.api.store.StoreDeliveryService;
import org.clientele.crm.impl.persistence.Jdbc;
import org.clientele.crm.impl.validation.InputValidator;

/** Reads of the delivery and data-request tables for operators. */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class DefaultStoreDeliveryService implements StoreDeliveryService {

  @Resource(lookup = "jdbc/clientele")
  DataSource dataSource;

  @Inject InputValidator inputs;

  @Override
  public List<StoreDelivery> list(StoreDeliveryQuery query) {
    inputs.check("query", query);
    return jdbc(c -> DeliveryStore.list(c, query));
  }

  @Override
  public Optional<StoreDelivery> find(long id) {
    return jdbc(c -> DeliveryStore.find(c, id));
  }

  @Override
  public List<StoreDeliveryCount> counts() {
    return jdbc(DeliveryStore::counts);
  }

  @Override
  public List<StoreDataRequest> dataRequests(String shop) {
    return jdbc(c -> DataRequestStore.list(c, shop));
  }

  @Override
  public Optional<StoreDataRequest> findDataRequest(long id) {
    return jdbc(c -> DataRequestStore.find(c, id));
  }

  @Override
  public Optional<String> dataRequestExport(long id) {
    return jdbc(c -> DataRequestStore.export(c, id));
  }

  private <T> T jdbc(Jdbc.Work<T> work) {
    return Jdbc.run(dataSource, "Store delivery storage", work);
  }
}

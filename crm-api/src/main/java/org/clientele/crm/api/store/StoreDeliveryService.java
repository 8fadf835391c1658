package org.clientele.crm.api.store;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Optional;

/** Operators' view of store webhook deliveries and of the data requests they produced. */
public interface StoreDeliveryService {

  List<StoreDelivery> list(@NotNull(message = "is required") @Valid StoreDeliveryQuery query);

  Optional<StoreDelivery> find(long id);

  /** Counts per store, shop, topic and status. */
  List<StoreDeliveryCount> counts();

  /** Data requests, newest first, optionally of one shop. */
  List<StoreDataRequest> dataRequests(String shop);

  Optional<StoreDataRequest> findDataRequest(long id);

  /** The export document of a data request (JSON: the CRM exports of the linked profiles). */
  Optional<String> dataRequestExport(long id);
}

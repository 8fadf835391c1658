package org.clientele.crm.api.store;

import java.util.List;
import java.util.Optional;

/** Backfills of a store's customers and orders through the store's admin API, run in the background. */
public interface StoreBackfillService {

  /**
   * Starts a backfill.
   *
   * @throws org.clientele.crm.api.InvalidInputException for an unknown shop, a shop without access token, or a
   *     bad what/mode
   * @throws org.clientele.crm.api.ConflictException when a backfill of the shop is running
   */
  StoreBackfill start(String store, NewStoreBackfill request);

  Optional<StoreBackfill> find(long id);

  /** Newest first, optionally of one shop. */
  List<StoreBackfill> list(String shop);

  /** Stops a running backfill after its current page; it keeps its checkpoint. */
  StoreBackfill cancel(long id);

  /** Runs a FAILED or CANCELLED backfill again from its checkpoint. */
  StoreBackfill resume(long id);
}

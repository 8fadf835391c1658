package org.clientele.crm.impl.store.shopify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.store.NewStoreBackfill;
import org.clientele.crm.api.store.StoreBackfill;
import org.clientele.crm.api.store.StoreBackfillService;
import org.clientele.crm.impl.store.shopify.BackfillStore.Row;
import org.eclipse.microprofile.config.Config;

/** Shopify backfills: validated, stored as RUNNING, and handed to {@link ShopifyBackfillRunner}. */
@ApplicationScoped
public class ShopifyBackfillService implements StoreBackfillService {

  @Inject Config config;

  @Inject BackfillTransactions transactions;

  @Inject ShopifyBackfillRunner runner;

  @Override
  public StoreBackfill start(String store, NewStoreBackfill request) {
    if (!ShopifyAdapter.KIND.equals(store)) {
      throw new ResourceNotFoundException("Store kind", store);
    }
    if (request == null) {
      throw new InvalidInputException("body", "is required");
    }
    if (request.shop() == null || request.shop().isBlank()) {
      throw new InvalidInputException("shop", "is required");
    }
    String shop = request.shop().trim().toLowerCase(Locale.ROOT);
    ShopifyShops shops = new ShopifyShops(key -> config.getOptionalValue(key, String.class));
    if (!shops.shops().contains(shop)) {
      throw new InvalidInputException("shop", "is not a configured Shopify shop (crm.store.shopify.shops)");
    }
    if (shops.accessToken(shop).isEmpty()) {
      throw new InvalidInputException("shop", "has no Admin API access token (crm.store.shopify.access-tokens."
          + ShopifyShops.key(shop) + ")");
    }
    String what = request.what() == null || request.what().isBlank() ? "BOTH"
        : request.what().trim().toUpperCase(Locale.ROOT);
    if (!List.of("CUSTOMERS", "ORDERS", "BOTH").contains(what)) {
      throw new InvalidInputException("what", "must be customers, orders or both");
    }
    String mode = request.mode() == null || request.mode().isBlank() ? "PAGED"
        : request.mode().trim().toUpperCase(Locale.ROOT);
    if (!"PAGED".equals(mode) && !"BULK".equals(mode)) {
      throw new InvalidInputException("mode", "must be paged or bulk");
    }
    if (request.updatedSince() != null && request.updatedSince().isAfter(Instant.now())) {
      throw new InvalidInputException("updatedSince", "must not be in the future");
    }
    Row row = transactions.start(shop, what, mode, request.updatedSince());
    runner.nudge();
    return row.view(Instant.now());
  }

  @Override
  public Optional<StoreBackfill> find(long id) {
    return transactions.load(id).map(r -> r.view(Instant.now()));
  }

  @Override
  public List<StoreBackfill> list(String shop) {
    Instant now = Instant.now();
    return transactions.list(shop == null ? null : shop.trim().toLowerCase(Locale.ROOT)).stream()
        .map(r -> r.view(now)).toList();
  }

  @Override
  public StoreBackfill cancel(long id) {
    Row row = transactions.load(id).orElseThrow(() -> new ResourceNotFoundException("Backfill", id));
    if (!transactions.cancel(id)) {
      throw new ConflictException("Backfill " + id + " is " + row.status() + ", not RUNNING");
    }
    return find(id).orElseThrow();
  }

  @Override
  public StoreBackfill resume(long id) {
    Row row = transactions.load(id).orElseThrow(() -> new ResourceNotFoundException("Backfill", id));
    if (!transactions.resume(id, row.shop())) {
      throw new ConflictException("Backfill " + id + " is " + row.status() + "; only FAILED or CANCELLED resume");
    }
    runner.nudge();
    return find(id).orElseThrow();
  }
}

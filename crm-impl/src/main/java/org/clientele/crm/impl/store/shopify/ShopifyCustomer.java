package org.clientele.crm.impl.store.shopify;

import java.time.Instant;
import java.util.List;

/**
 * A Shopify customer as the mapping takes it: read from a webhook's REST-shaped JSON ({@link ShopifyJson}); a
 * backfill over the GraphQL Admin API builds the same record from its customer nodes.
 *
 * @param id the numeric customer id (GraphQL: the tail of the gid)
 * @param tags the tags, split (Shopify sends one comma-separated string)
 */
public record ShopifyCustomer(String id, String email, String phone, String firstName, String lastName,
    Instant createdAt, Instant updatedAt, List<String> tags, ShopifyAddress defaultAddress,
    ShopifyConsent emailMarketingConsent, ShopifyConsent smsMarketingConsent) {

  public ShopifyCustomer {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}

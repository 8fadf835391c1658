package org.clientele.crm.api.store;

import java.time.Instant;
import java.util.List;

/**
 * A store's request for a customer's data (Shopify {@code customers/data_request}): the CRM export of the
 * linked profiles, kept for the merchant to forward to the customer.
 *
 * @param requestId the store's data request id
 * @param storeCustomerId the customer's id in the store
 * @param customerIds the CRM profiles exported (empty when the store customer is unknown to the CRM)
 */
public record StoreDataRequest(long id, String store, String shop, String requestId, String storeCustomerId,
    List<Long> customerIds, Instant createdAt, long deliveryId) {}

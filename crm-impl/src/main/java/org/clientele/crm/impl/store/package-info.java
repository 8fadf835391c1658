/**
 * Store webhooks, generic over the store kind: delivery storage with deduplication, the worker that claims and
 * applies deliveries, store-customer links and staleness, data requests. Each store kind plugs in a
 * {@link org.clientele.crm.impl.store.StoreAdapter} (signature, headers, topic mapping) from its own package.
 */
package org.clientele.crm.impl.store;

package org.clientele.crm.impl.store.shopify;

import java.time.Instant;

/**
 * Shopify's marketing consent of one channel.
 *
 * @param state subscribed, not_subscribed, pending, unsubscribed, redacted or invalid
 * @param optInLevel single_opt_in, confirmed_opt_in, unknown or null
 * @param collectedFrom where SMS consent was collected (SMS only), or null
 */
public record ShopifyConsent(String state, String optInLevel, Instant updatedAt, String collectedFrom) {}

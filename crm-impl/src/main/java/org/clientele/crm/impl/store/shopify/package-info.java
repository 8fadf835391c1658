/**
 * Shopify: webhook signature (HMAC-SHA256, per shop, two secrets during rotation), topics and the mapping of
 * Shopify's customers, orders and refunds onto CRM profiles and purchases. See docs/integration/shopify.md.
 */
package org.clientele.crm.impl.store.shopify;

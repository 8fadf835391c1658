/** E-commerce stores (Shopify, ...): signed webhook deliveries received, stored and processed asynchronously. */
package org.clientele.crm.api.store;

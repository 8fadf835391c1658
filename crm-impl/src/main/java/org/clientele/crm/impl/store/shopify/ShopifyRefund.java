package org.clientele.crm.impl.store.shopify;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A Shopify refund as the mapping takes it.
 *
 * @param amount the money paid back: the successful refund transactions, else the refunded lines' subtotals
 *     and taxes
 */
public record ShopifyRefund(String id, String orderId, Instant createdAt, Instant processedAt, String note,
    BigDecimal amount) {}

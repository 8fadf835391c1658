package org.clientele.crm.impl.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * A validated order version with its amounts computed: what the recorder stores. Amounts are exact (no more
 * decimal places than the currency allows), instants are truncated to the microseconds the databases keep,
 * so that comparing with a stored version is exact.
 */
record PricedPurchase(
    long customerId,
    String sourceSystem,
    String orderId,
    PurchaseStatus status,
    String currency,
    Instant placedAt,
    Instant sourceUpdatedAt,
    List<Line> lines,
    BigDecimal subtotal,
    BigDecimal discountTotal,
    BigDecimal shippingTotal,
    BigDecimal taxTotal,
    BigDecimal total) {

  PricedPurchase {
    lines = List.copyOf(lines);
  }

  record Line(int lineNo, String sku, String name, String category, int quantity, BigDecimal unitPrice,
      BigDecimal discount, BigDecimal lineTotal) {}
}

package org.clientele.crm.impl.store.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A Shopify order as the mapping takes it (from a webhook's REST JSON, or later from GraphQL order nodes).
 *
 * @param customer the buyer's customer object, or null for a guest checkout without one
 * @param shippingTotal total_shipping_price_set (shop money), else the sum of the shipping lines
 * @param taxesIncluded whether the prices include tax (then the CRM's tax total is 0)
 */
public record ShopifyOrder(String id, String name, String email, String phone, Instant createdAt,
    Instant processedAt, Instant updatedAt, Instant cancelledAt, String currency, BigDecimal totalDiscounts,
    BigDecimal totalTax, boolean taxesIncluded, BigDecimal shippingTotal, String financialStatus,
    String fulfillmentStatus, ShopifyCustomer customer, ShopifyAddress billingAddress, List<Line> lines) {

  public ShopifyOrder {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  /**
   * One line item.
   *
   * @param discount the sum of the line's discount_allocations
   */
  public record Line(String id, String sku, String variantId, String productId, String title, String variantTitle,
      int quantity, BigDecimal price, BigDecimal discount) {}
}

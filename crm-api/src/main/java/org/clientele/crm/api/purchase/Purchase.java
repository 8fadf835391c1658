package org.clientele.crm.api.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A purchase in its newest known version. Amounts carry the currency's decimal places.
 *
 * @param total subtotal − discountTotal + shippingTotal + taxTotal
 * @param refundedTotal the sum of the refunds
 * @param netTotal total − refundedTotal
 * @param statusHistory every change of status, oldest first, at the time the source (or a refund) made it,
 *     whatever order the versions arrived in
 * @param refunds oldest first
 * @param createdAt when the CRM first stored the purchase
 * @param updatedAt when the CRM last changed it
 */
public record Purchase(
    long id,
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
    BigDecimal total,
    BigDecimal refundedTotal,
    BigDecimal netTotal,
    List<StatusChange> statusHistory,
    List<Refund> refunds,
    Instant createdAt,
    Instant updatedAt) {

  public Purchase {
    lines = List.copyOf(lines);
    statusHistory = List.copyOf(statusHistory);
    refunds = List.copyOf(refunds);
  }

  /**
   * A stored line.
   *
   * @param lineNo 1-based, in the order the source sent the lines
   * @param name {@code null} after the customer was erased
   * @param lineTotal quantity × unitPrice − discount
   */
  public record Line(
      int lineNo,
      String sku,
      String name,
      String category,
      int quantity,
      BigDecimal unitPrice,
      BigDecimal discount,
      BigDecimal lineTotal) {}

  /** The purchase entered {@code status} at {@code at}. */
  public record StatusChange(PurchaseStatus status, Instant at) {}

  /**
   * A recorded refund.
   *
   * @param reason {@code null} after the customer was erased (and the refund id anonymized)
   */
  public record Refund(String refundId, BigDecimal amount, Instant refundedAt, String reason) {}
}

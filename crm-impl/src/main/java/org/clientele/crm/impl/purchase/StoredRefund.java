package org.clientele.crm.impl.purchase;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.Instant;

/** A refund recorded on a purchase; unique per purchase and refund id. */
@Embeddable
public class StoredRefund {

  @Column(name = "refund_id", nullable = false, length = 200)
  private String refundId;

  @Column(name = "amount", nullable = false, precision = 19, scale = 4)
  private BigDecimal amount;

  @Column(name = "refunded_at", nullable = false)
  private Instant refundedAt;

  @Column(name = "reason", length = 500)
  private String reason;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  protected StoredRefund() {}

  StoredRefund(String refundId, BigDecimal amount, Instant refundedAt, String reason, Instant recordedAt) {
    this.refundId = refundId;
    this.amount = PurchaseMoney.stored(amount);
    this.refundedAt = refundedAt;
    this.reason = reason;
    this.recordedAt = recordedAt;
  }

  /**
   * Refund ids of payment providers lead back to the payment (and the card holder): replaced, as is the free
   * text reason; amount and time stay.
   */
  void anonymize(int number) {
    refundId = "erased-" + number;
    reason = null;
  }

  String refundId() {
    return refundId;
  }

  BigDecimal amount() {
    return amount;
  }

  Instant refundedAt() {
    return refundedAt;
  }

  String reason() {
    return reason;
  }
}

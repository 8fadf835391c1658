package org.clientele.crm.impl.purchase;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * A status a purchase was seen in at a time: the status of each order version the source sent (applied or
 * stale), and REFUNDED when refunds reached the total. The history shown is derived from the set of these.
 */
@Embeddable
public class StatusObservation {

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private PurchaseStatus status;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  protected StatusObservation() {}

  StatusObservation(PurchaseStatus status, Instant changedAt, Instant recordedAt) {
    this.status = status;
    this.changedAt = changedAt;
    this.recordedAt = recordedAt;
  }

  PurchaseStatus status() {
    return status;
  }

  Instant changedAt() {
    return changedAt;
  }

  boolean is(PurchaseStatus otherStatus, Instant at) {
    return status == otherStatus && changedAt.equals(at);
  }
}

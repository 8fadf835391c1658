package org.clientele.crm.api.purchase.events;

import java.math.BigDecimal;
import java.time.Instant;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * A refund was recorded (not fired again for a refund id recorded before).
 *
 * @param status the purchase's status afterwards ({@link PurchaseStatus#REFUNDED} once refunded in full)
 * @param occurredAt when the CRM recorded the refund
 */
public record PurchaseRefunded(
    long purchaseId,
    long customerId,
    String refundId,
    BigDecimal amount,
    String currency,
    BigDecimal refundedTotal,
    BigDecimal netTotal,
    PurchaseStatus status,
    Instant occurredAt) {}

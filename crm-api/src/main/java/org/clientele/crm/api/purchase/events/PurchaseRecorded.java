package org.clientele.crm.api.purchase.events;

import java.math.BigDecimal;
import java.time.Instant;
import org.clientele.crm.api.purchase.PurchaseOutcome;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * A purchase was created or updated ({@link PurchaseOutcome#CREATED} or {@link PurchaseOutcome#UPDATED});
 * not fired for an unchanged or stale version.
 *
 * @param occurredAt when the CRM recorded the change
 */
public record PurchaseRecorded(
    long purchaseId,
    long customerId,
    PurchaseStatus status,
    String currency,
    BigDecimal total,
    BigDecimal netTotal,
    PurchaseOutcome outcome,
    Instant occurredAt) {}

package org.clientele.crm.impl.store;

import org.clientele.crm.api.store.StoreDeliveryStatus;

/** How a delivery was applied: PROCESSED, or SKIPPED with the reason (no personal data). */
public record ApplyResult(StoreDeliveryStatus status, String reason) {

  public static ApplyResult processed() {
    return new ApplyResult(StoreDeliveryStatus.PROCESSED, null);
  }

  public static ApplyResult skipped(String reason) {
    return new ApplyResult(StoreDeliveryStatus.SKIPPED, reason);
  }
}

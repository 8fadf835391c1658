package org.clientele.crm.impl.prediction;

import java.util.Objects;

/**
 * A customer for a {@link BackTest}: the history in the calibration window and the repeat purchases actually made in
 * the holdout period right after it (counted the same way, e.g. by {@link PurchaseHistory#purchaseDays}).
 */
public record HoldoutObservation(PurchaseHistory calibration, int holdoutPurchases) {

  public HoldoutObservation {
    Objects.requireNonNull(calibration, "calibration");
    if (holdoutPurchases < 0) {
      throw new IllegalArgumentException("holdoutPurchases must be >= 0, was " + holdoutPurchases);
    }
  }
}

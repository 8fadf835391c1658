package org.clientele.crm.impl.prediction;

import java.util.Collection;

/**
 * The least history a model fit accepts: a number of customers with at least one repeat purchase in the
 * calibration window. Below it the likelihood is too flat to identify the heterogeneity parameters, and the fitted
 * values (and everything predicted from them) would mostly reflect noise.
 *
 * @param repeatCustomers customers with {@code x > 0} (and, for Gamma-Gamma, a positive mean value) required
 */
public record MinimumData(int repeatCustomers) {

  /** Default threshold: 30 customers with repeat purchases. */
  public static final int DEFAULT_REPEAT_CUSTOMERS = 30;

  public MinimumData {
    if (repeatCustomers < 1) {
      throw new IllegalArgumentException("repeatCustomers must be at least 1, was " + repeatCustomers);
    }
  }

  /** The default rule, {@value #DEFAULT_REPEAT_CUSTOMERS} customers with repeat purchases. */
  public static MinimumData defaults() {
    return new MinimumData(DEFAULT_REPEAT_CUSTOMERS);
  }

  /** Throws {@link InsufficientHistoryException} unless enough of the histories have repeat purchases. */
  void require(String subject, Collection<PurchaseHistory> histories) {
    int found = (int) histories.stream().filter(h -> h.x() > 0).count();
    requireCount(subject, found);
  }

  void requireCount(String subject, int found) {
    if (found < repeatCustomers) {
      throw new InsufficientHistoryException(subject, "customers with repeat purchases", repeatCustomers, found);
    }
  }
}

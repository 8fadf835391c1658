package org.clientele.crm.impl.purchase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * The status history shown for a purchase: its observations in time order, each status change once at the
 * earliest time it was seen. A function of the set of observations alone, so the history is the same
 * whatever order the versions arrived in.
 */
final class StatusHistory {

  /** Ties in time go in lifecycle order (the enum's order). */
  private static final Comparator<Observed> ORDER =
      Comparator.comparing(Observed::at).thenComparing(o -> o.status().ordinal());

  private StatusHistory() {}

  record Observed(PurchaseStatus status, Instant at) {}

  static List<Purchase.StatusChange> changes(List<Observed> observations) {
    List<Observed> sorted = new ArrayList<>(observations);
    sorted.sort(ORDER);
    List<Purchase.StatusChange> changes = new ArrayList<>();
    for (Observed o : sorted) {
      if (changes.isEmpty() || changes.get(changes.size() - 1).status() != o.status()) {
        changes.add(new Purchase.StatusChange(o.status(), o.at()));
      }
    }
    return changes;
  }
}

package org.clientele.crm.api.purchase;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/**
 * A page of a customer's purchases, newest {@code placedAt} first. Keyset paging: pass the previous page's
 * {@code nextCursor} as {@code after} to continue; pages stay stable while new purchases arrive.
 *
 * @param from only purchases placed at or after this instant
 * @param to only purchases placed before this instant
 * @param statuses only purchases in these statuses (empty: all)
 */
public record PurchaseQuery(
    Instant from,
    Instant to,
    Set<PurchaseStatus> statuses,
    @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int limit,
    @Size(max = 100, message = "must be at most 100 characters") String after) {

  public PurchaseQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }

  /** The newest 50 purchases in every status. */
  public static PurchaseQuery latest() {
    return new PurchaseQuery(null, null, Set.of(), 50, null);
  }
}

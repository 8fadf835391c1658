package org.clientele.crm.api.customer.events;

import java.time.Instant;
import java.util.List;

/** A merge was undone: the profiles exist again on their own. */
public record CustomerUnmerged(long mergeId, long survivorId, List<Long> restoredIds, Instant occurredAt) {

  public CustomerUnmerged {
    restoredIds = List.copyOf(restoredIds);
  }
}

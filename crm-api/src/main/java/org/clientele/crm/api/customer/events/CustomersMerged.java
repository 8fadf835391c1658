package org.clientele.crm.api.customer.events;

import java.time.Instant;
import java.util.List;

/** Profiles were merged into a survivor. */
public record CustomersMerged(long mergeId, long survivorId, List<Long> mergedIds, Instant occurredAt) {

  public CustomersMerged {
    mergedIds = List.copyOf(mergedIds);
  }
}

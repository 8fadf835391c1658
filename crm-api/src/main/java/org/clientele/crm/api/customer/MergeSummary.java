package org.clientele.crm.api.customer;

import java.time.Instant;
import java.util.List;

/** A merge as recorded; {@code undoneAt} is set once it was undone. */
public record MergeSummary(
    long mergeId, long survivorId, List<Long> mergedIds, Instant mergedAt, String actor, Instant undoneAt) {

  public MergeSummary {
    mergedIds = List.copyOf(mergedIds);
  }
}

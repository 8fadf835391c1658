package org.clientele.crm.api.customer;

import java.util.List;

/**
 * The outcome of a merge.
 *
 * @param mergeId identifies the merge, to audit or undo it
 * @param survivor the profile everything now belongs to
 * @param mergedIds the profiles merged into it; they keep resolving to the survivor
 */
public record MergeResult(long mergeId, CustomerProfile survivor, List<Long> mergedIds) {

  public MergeResult {
    mergedIds = List.copyOf(mergedIds);
  }
}

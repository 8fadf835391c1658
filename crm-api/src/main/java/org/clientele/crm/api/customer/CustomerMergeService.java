package org.clientele.crm.api.customer;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Merging profiles that belong to one person, and undoing it. Available by CDI injection and as
 * {@code java:global/clientele/crm-ejb/CustomerMergeServiceBean!org.clientele.crm.api.customer.CustomerMergeService}.
 */
public interface CustomerMergeService {

  /**
   * Merges profiles into a survivor: identities, contact points, consents, attributes and tags move to
   * it, fields are chosen by the configured survivorship rules, the merged ids keep resolving to the
   * survivor, and before-images of every profile are recorded so the merge can be undone.
   *
   * @throws org.clientele.crm.api.ConflictException if a profile is not active (already merged or erased)
   */
  MergeResult merge(long survivorId,
      @NotNull(message = "is required") @Size(min = 1, max = 9, message = "must name 1 to 9 profiles") List<Long> mergedIds);

  /** Restores the profiles of a merge as they were, with their data; the survivor gets back its own. */
  MergeSummary unmerge(long mergeId);

  /** Merges the profile took part in, newest first. */
  List<MergeSummary> mergesOf(long customerId);
}

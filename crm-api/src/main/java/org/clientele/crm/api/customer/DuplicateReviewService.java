package org.clientele.crm.api.customer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * Candidates that the deterministic matching did not merge, for a person to review. Available by CDI
 * injection and as {@code java:global/clientele/crm-ejb/DuplicateReviewServiceBean!org.clientele.crm.api.customer.DuplicateReviewService}.
 *
 * <p>Rules: same normalized name and postcode; same phone with different emails; emails differing only
 * in the domain or by one character in the local part. Scores add up per pair.
 */
public interface DuplicateReviewService {

  /** Looks for new candidates among active profiles; returns how many new suggestions it stored. */
  int detect();

  /** Open suggestions, highest score first. */
  List<DuplicateSuggestion> open(@Min(1) @Max(500) int limit);

  /** Open suggestions that involve the customer, highest score first: what a profile's reviewer looks at. */
  List<DuplicateSuggestion> openFor(long customerId, @Min(1) @Max(500) int limit);

  /** Accepts: merges the pair, keeping {@code survivorId} (one of the two). */
  MergeResult accept(long suggestionId, long survivorId);

  /** Dismisses: the pair is not suggested again. */
  DuplicateSuggestion dismiss(long suggestionId);
}

package org.clientele.crm.api.customer;

import java.time.Instant;
import java.util.List;

/**
 * Two profiles that may be one person.
 *
 * @param score 0 to 100: how likely they are the same person
 * @param reasons which rules found them, e.g. {@code same-name-and-postcode}
 */
public record DuplicateSuggestion(
    long id, long customerA, long customerB, int score, List<String> reasons, SuggestionStatus status,
    Instant createdAt) {

  public DuplicateSuggestion {
    reasons = List.copyOf(reasons);
  }
}

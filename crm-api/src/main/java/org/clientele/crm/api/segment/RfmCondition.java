package org.clientele.crm.api.segment;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The customer's RFM quintile scores (1–5, 5 best: most recent, most frequent, highest spend) are among the
 * listed ones; an absent list does not restrict that score, but at least one must be given. Customers
 * without counted purchases have no RFM scores and match no RFM condition.
 *
 * @param recency allowed recency scores, e.g. {@code [4, 5]}
 * @param frequency allowed frequency scores
 * @param monetary allowed monetary scores
 */
public record RfmCondition(
    @Size(min = 1, max = 5, message = "must have 1 to 5 scores") List<Integer> recency,
    @Size(min = 1, max = 5, message = "must have 1 to 5 scores") List<Integer> frequency,
    @Size(min = 1, max = 5, message = "must have 1 to 5 scores") List<Integer> monetary) {}

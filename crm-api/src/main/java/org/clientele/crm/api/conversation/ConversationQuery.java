package org.clientele.crm.api.conversation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Set;

/**
 * Which conversations to list, most recently active first.
 *
 * @param customerId only this customer's (a merged id stands for its survivor); null for all
 * @param statuses only these; empty for all
 * @param agent only those assigned to this agent
 * @param team only those assigned to this team
 */
public record ConversationQuery(
    Long customerId,
    Set<ConversationStatus> statuses,
    String agent,
    String team,
    @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int limit) {

  public ConversationQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }
}

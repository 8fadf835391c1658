package org.clientele.crm.api.interaction;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Every touchpoint with a customer. Available by CDI injection and as
 * {@code java:global/clientele/crm-ejb/InteractionServiceBean!org.clientele.crm.api.interaction.InteractionService}.
 */
public interface InteractionService {

  /**
   * Records a touchpoint once per source event.
   *
   * @throws org.clientele.crm.api.ResourceNotFoundException if the customer does not exist (a merged
   *     customer's id records onto the survivor)
   */
  Recorded record(@NotNull(message = "is required") @Valid NewInteraction interaction);

  /** Records up to 500 touchpoints in one transaction; each one once per source event. */
  List<Recorded> recordAll(
      @NotNull(message = "is required") @Size(max = 500, message = "must have at most 500 interactions")
          List<@NotNull @Valid NewInteraction> interactions);

  /** A page of the customer's timeline, newest first. */
  TimelinePage timeline(long customerId, @NotNull(message = "is required") @Valid TimelineQuery query);
}

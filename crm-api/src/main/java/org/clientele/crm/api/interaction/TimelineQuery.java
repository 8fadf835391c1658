package org.clientele.crm.api.interaction;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/**
 * A page of a customer's timeline, newest first. Keyset paging: pass the previous page's
 * {@code nextCursor} as {@code after} to continue; pages stay stable while new touchpoints arrive.
 *
 * @param channels only these channels (empty: all)
 * @param types only these types (empty: all)
 * @param from only touchpoints at or after this instant
 * @param to only touchpoints before this instant
 */
public record TimelineQuery(
    Set<Channel> channels,
    Set<InteractionType> types,
    Instant from,
    Instant to,
    @Size(max = 100, message = "must be at most 100 characters") String after,
    @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int limit) {

  public TimelineQuery {
    channels = channels == null ? Set.of() : Set.copyOf(channels);
    types = types == null ? Set.of() : Set.copyOf(types);
  }

  /** The newest 50 touchpoints of every kind. */
  public static TimelineQuery latest() {
    return new TimelineQuery(Set.of(), Set.of(), null, null, null, 50);
  }
}

package org.clientele.crm.api.integration;

import java.util.Map;

/**
 * The dead-letter store. Available by CDI injection; REST under {@code /crm/api/dead-letters}.
 */
public interface DeadLetterService {

  /** Parks a message in a transaction of its own, so it is kept even when the caller's work rolls back. */
  DeadLetter park(NewDeadLetter letter);

  /** @throws org.clientele.crm.api.ResourceNotFoundException if there is no such dead letter */
  DeadLetter find(long id);

  DeadLetterPage list(DeadLetterQuery query);

  /**
   * Replays a parked message: an inbound one goes through its route again (applied at most once); an outbound
   * one is queued in the outbox again, behind the messages of its key that are already waiting.
   *
   * @param expectedVersion the version the caller saw, or null
   * @return the letter, REPLAYED; still PARKED with the new reason if the replay failed
   * @throws org.clientele.crm.api.ConflictException if it is not parked
   */
  DeadLetter replay(long id, Long expectedVersion);

  /** Drops a parked message for good, with a reason. */
  DeadLetter discard(long id, String reason, Long expectedVersion);

  /** Dead letters per status, per system. */
  Map<String, Map<DeadLetterStatus, Long>> counts();
}

package org.clientele.crm.api.integration;

/**
 * Sends an inbound dead letter through its route again; implemented by the integration runtime, which knows
 * the routes. Idempotency still applies: a message applied meanwhile is not applied twice.
 */
public interface DeadLetterReplayer {

  /** Whether this replayer knows the route the letter came from. */
  boolean canReplay(DeadLetter letter);

  /** @throws RuntimeException with the reason when the message fails again */
  void replay(DeadLetter letter);
}

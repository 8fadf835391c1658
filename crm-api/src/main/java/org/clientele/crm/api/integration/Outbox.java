package org.clientele.crm.api.integration;

import java.time.Duration;
import java.util.List;

/**
 * The transactional outbox: CRM changes meant for external systems are written here in the transaction of
 * the change, and relays (the integration routes) deliver them at least once, in order per ordering key.
 * Available by CDI injection.
 */
public interface Outbox {

  /**
   * Writes a message in the caller's transaction (or in its own, without one): it is delivered only if that
   * transaction commits.
   *
   * @return the message id
   */
  long enqueue(NewOutboxMessage message);

  /**
   * Claims due messages of a target for delivery: for each ordering key only its oldest message, and only once
   * its redelivery delay has passed. A claim lasts {@code lease}; a relay that dies mid-delivery leaves its
   * messages to be claimed again after it (at-least-once).
   *
   * @param relay who claims, e.g. the server and route
   */
  List<OutboxMessage> claim(String target, String relay, int limit, Duration lease);

  /** The message reached its target: it leaves the outbox. */
  void delivered(long id, String relay);

  /**
   * Delivery failed: the message is retried after the policy's delay, or parked as a dead letter once it has
   * failed {@code policy.maxAttempts()} times (and the next message of its key goes ahead).
   *
   * @return true if it was parked
   */
  boolean failed(long id, String relay, String error, RetryPolicy policy);

  /** Every target with pending messages. */
  List<OutboxStatus> status();
}

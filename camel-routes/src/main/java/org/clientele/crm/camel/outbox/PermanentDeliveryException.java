package org.clientele.crm.camel.outbox;

/**
 * The target refused the message for good (e.g. HTTP 400: the message itself is wrong): retrying cannot help,
 * so the relay parks it as a dead letter at once, with this exception's message as the reason, and the next
 * message of its key goes ahead. Any other failure is retried by the outbox's policy.
 */
public class PermanentDeliveryException extends Exception {

  private static final long serialVersionUID = 1L;

  /** @param reason why the target refused it, kept as the dead letter's reason: no personal data beyond the payload's */
  public PermanentDeliveryException(String reason) {
    super(reason);
  }
}

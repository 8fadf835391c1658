package org.clientele.crm.api.integration;

/**
 * Inbound messages already applied, by the sender's idempotency key, kept in the database so that neither a
 * redelivery, a restart nor a second server applies a message twice.
 */
public interface InboundLedger {

  /**
   * Records the message as applied in the caller's transaction (required): call it first, apply the effect in
   * the same transaction only when it returns true. Both commit or roll back together.
   *
   * @return false if the message was applied before
   * @throws org.clientele.crm.api.ConflictException if a concurrent transaction is applying the same message
   *     (retry: it will then return false, or true if that one rolled back)
   */
  boolean markApplied(String system, String messageKey, String messageType);

  /** Whether the message was applied. */
  boolean isApplied(String system, String messageKey);
}

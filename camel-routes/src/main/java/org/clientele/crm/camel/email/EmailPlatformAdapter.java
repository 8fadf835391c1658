package org.clientele.crm.camel.email;

/**
 * Delivers the outbox's {@code email} messages to one email-marketing platform. Throws
 * {@link org.clientele.crm.camel.outbox.PermanentDeliveryException} when the platform refuses a message for good
 * (it is parked at once), anything else when it may work later (it is retried with backoff).
 */
public interface EmailPlatformAdapter {

  /** The member should look like this (create or update it; the status as compliance allows). */
  void memberChanged(MemberMessage member) throws Exception;

  /** Set the member's tags active or inactive (segments marked for sync); nothing if there is no member. */
  void memberTags(TagMessage tags) throws Exception;

  /** Delete the member for good (erasure). */
  void memberErased(ErasedMember member) throws Exception;
}

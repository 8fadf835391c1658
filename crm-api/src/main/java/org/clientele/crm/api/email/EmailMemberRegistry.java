package org.clientele.crm.api.email;

import java.util.Optional;

/**
 * The members the CRM keeps on email-marketing platforms, one per customer and audience; used by the platform
 * adapters (the integration routes) to know the address a member has on the platform (for an email change) and
 * its last known status (so that nobody who unsubscribed there is subscribed again without a newer opt-in).
 * Available by CDI injection.
 */
public interface EmailMemberRegistry {

  Optional<EmailMember> find(String platform, String audience, long customerId);

  /**
   * Records what the platform answered, in a transaction of its own. If the customer was erased meanwhile, the
   * member is not kept: its erasure is queued for the platform instead. If the platform reported a newer status
   * while the request was in flight (a webhook recorded after the answer's {@code syncedAt}), that status stands.
   */
  void record(EmailMember member);

  /** Forgets the customer's member on an audience (it was deleted or archived on the platform). */
  void forget(String platform, String audience, long customerId);
}

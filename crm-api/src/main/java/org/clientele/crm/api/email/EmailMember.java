package org.clientele.crm.api.email;

import java.time.Instant;

/**
 * A customer's member on an email-marketing platform's audience, as last synchronised: the address the member
 * has there, the platform's key for it, and the platform's subscription status with when it last changed.
 *
 * @param platform e.g. {@code mailchimp}
 * @param audience the platform's audience (Mailchimp: the list id)
 * @param memberKey the platform's key of the member (Mailchimp: the subscriber hash)
 * @param status the platform's status as last known, in its own words (e.g. {@code unsubscribed}), or null
 * @param statusAt when that status began (as the platform or the CRM's decision says), or null if unknown
 * @param changedAt when the platform said it last changed the member (any change), as of the last sync
 * @param syncedAt when the CRM last heard from the platform about this member; for an answer to a request, when
 *     the request began (what was recorded after that was recorded while the request was in flight)
 */
public record EmailMember(String platform, String audience, long customerId, String email, String memberKey,
    String status, Instant statusAt, Instant changedAt, Instant syncedAt) {}

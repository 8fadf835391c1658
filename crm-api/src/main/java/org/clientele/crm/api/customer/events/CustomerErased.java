package org.clientele.crm.api.customer.events;

import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.customer.ExternalIdentity;

/**
 * A customer was erased. Carries the identifiers the integrations need to propagate the erasure to
 * external systems; observers must not store them beyond that purpose.
 */
public record CustomerErased(
    long customerId, List<ExternalIdentity> identities, List<String> emails, List<String> phones, Instant occurredAt) {

  public CustomerErased {
    identities = List.copyOf(identities);
    emails = List.copyOf(emails);
    phones = List.copyOf(phones);
  }
}

package org.clientele.crm.api.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unified profile of one person.
 *
 * @param version increases with every change; pass it back to update (REST: the ETag)
 * @param consents the decision in force for each channel and purpose that has one
 * @param attention set while the customer needs attention (e.g. after negative feedback)
 */
public record CustomerProfile(
    long id,
    long version,
    String givenName,
    String familyName,
    String email,
    String phone,
    LocalDate birthDate,
    String language,
    Address address,
    LifecycleStage lifecycleStage,
    List<ExternalIdentity> identities,
    List<ContactPoint> contactPoints,
    Set<String> tags,
    Map<String, String> attributes,
    List<ConsentDecision> consents,
    Attention attention,
    Instant createdAt,
    Instant updatedAt) {

  /** The editable fields as they are now: the base a partial update is applied to. */
  public CustomerUpdate toUpdate() {
    return new CustomerUpdate(givenName, familyName, email, phone, birthDate, language, address, lifecycleStage,
        contactPoints, tags, attributes);
  }
}

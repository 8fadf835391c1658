package org.clientele.crm.api.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a system knows about a person when it registers them. Registration is an upsert: the person is
 * matched to an existing profile (external identity, then email, then phone) or a profile is created.
 * On a match, the fields given here overwrite the stored ones and nothing given is lost: identities,
 * contact points, tags, attributes and consents are added.
 */
public record NewCustomer(
    @Size(max = 20, message = "must have at most 20 identities") List<@Valid ExternalIdentity> identities,
    @Size(max = 200, message = "must be at most 200 characters") String givenName,
    @Size(max = 200, message = "must be at most 200 characters") String familyName,
    @Size(max = 320, message = "must be at most 320 characters") String email,
    @Size(max = 40, message = "must be at most 40 characters") String phone,
    LocalDate birthDate,
    @Size(max = 35, message = "must be at most 35 characters") String language,
    @Valid Address address,
    LifecycleStage lifecycleStage,
    @Size(max = 50, message = "must have at most 50 contact points") List<@Valid ContactPoint> contactPoints,
    @Size(max = 100, message = "must have at most 100 tags") Set<String> tags,
    @Size(max = 200, message = "must have at most 200 attributes") Map<String, String> attributes,
    @Size(max = 50, message = "must have at most 50 consent decisions") List<@Valid ConsentDecision> consents) {

  public NewCustomer {
    identities = identities == null ? List.of() : List.copyOf(identities);
    contactPoints = contactPoints == null ? List.of() : List.copyOf(contactPoints);
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    consents = consents == null ? List.of() : List.copyOf(consents);
  }
}

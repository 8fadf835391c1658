package org.clientele.crm.api.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The editable part of a profile, as a whole: every field replaces the stored one, and {@code null}
 * clears it (the lifecycle stage then keeps its value). Partial changes go through JSON Merge Patch at
 * the REST edge, which produces one of these from the current state.
 */
public record CustomerUpdate(
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
    @Size(max = 200, message = "must have at most 200 attributes") Map<String, String> attributes) {

  public CustomerUpdate {
    contactPoints = contactPoints == null ? List.of() : List.copyOf(contactPoints);
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}

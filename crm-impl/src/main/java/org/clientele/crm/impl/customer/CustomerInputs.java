package org.clientele.crm.impl.customer;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.ContactPoint;
import org.clientele.crm.api.customer.ContactType;
import org.clientele.crm.api.customer.CustomerUpdate;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.NewCustomer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Normalizes and validates customer input as a whole: every violation is collected, with its field
 * path, and reported in one {@link InvalidInputException}; nothing is stored unless all of it is valid.
 */
@ApplicationScoped
public class CustomerInputs {

  @Inject
  @ConfigProperty(name = "crm.customer.phone.default-region")
  Optional<String> defaultRegion;

  @Inject DefaultCustomerAttributeService attributes;

  private InputNormalizer normalizer;

  @PostConstruct
  void init() {
    normalizer = new InputNormalizer(defaultRegion.orElse(null));
  }

  InputNormalizer normalizer() {
    return normalizer;
  }

  CustomerDetails of(NewCustomer c) {
    List<FieldViolation> violations = new ArrayList<>();
    List<IdentityKey> identities = new ArrayList<>();
    for (int i = 0; i < c.identities().size(); i++) {
      ExternalIdentity identity = c.identities().get(i);
      String system = normalizer.text("identities[" + i + "].system", identity.system(), 100, violations);
      String id = normalizer.text("identities[" + i + "].externalId", identity.externalId(), 200, violations);
      if (system != null && id != null) {
        identities.add(new IdentityKey(system, id));
      }
    }
    CustomerDetails details = details(violations, identities, c.givenName(), c.familyName(), c.email(), c.phone(),
        c.birthDate(), c.language(), c.address(), c.lifecycleStage(), c.contactPoints(), c.tags(), c.attributes());
    throwIfAny(violations);
    return details;
  }

  CustomerDetails of(CustomerUpdate u) {
    List<FieldViolation> violations = new ArrayList<>();
    CustomerDetails details = details(violations, List.of(), u.givenName(), u.familyName(), u.email(), u.phone(),
        u.birthDate(), u.language(), u.address(), u.lifecycleStage(), u.contactPoints(), u.tags(), u.attributes());
    throwIfAny(violations);
    return details;
  }

  ExternalIdentity identity(ExternalIdentity identity) {
    List<FieldViolation> violations = new ArrayList<>();
    String system = normalizer.text("system", identity.system(), 100, violations);
    String id = normalizer.text("externalId", identity.externalId(), 200, violations);
    throwIfAny(violations);
    return new ExternalIdentity(system, id);
  }

  private CustomerDetails details(List<FieldViolation> violations, List<IdentityKey> identities, String givenName,
      String familyName, String email, String phone, LocalDate birthDate, String language, Address address,
      org.clientele.crm.api.customer.LifecycleStage stage, List<ContactPoint> contactPoints, Set<String> tags,
      Map<String, String> attributeValues) {
    if (birthDate != null && birthDate.isAfter(LocalDate.now())) {
      violations.add(new FieldViolation("birthDate", "must not be in the future"));
    }
    Address normalizedAddress = null;
    if (address != null) {
      normalizedAddress = new Address(
          normalizer.text("address.line1", address.line1(), 200, violations),
          normalizer.text("address.line2", address.line2(), 200, violations),
          normalizer.text("address.postalCode", address.postalCode(), 20, violations),
          normalizer.text("address.city", address.city(), 100, violations),
          normalizer.text("address.region", address.region(), 100, violations),
          normalizer.country("address.country", address.country(), violations));
    }
    List<StoredContactPoint> contacts = new ArrayList<>();
    for (int i = 0; i < contactPoints.size(); i++) {
      ContactPoint point = contactPoints.get(i);
      String field = "contactPoints[" + i + "].value";
      String value = point.type() == ContactType.EMAIL
          ? normalizer.email(field, point.value(), violations)
          : normalizer.phone(field, point.value(), violations);
      String label = normalizer.text("contactPoints[" + i + "].label", point.label(), 50, violations);
      if (value != null) {
        StoredContactPoint stored = new StoredContactPoint(point.type(), value, label);
        if (!contacts.contains(stored)) {
          contacts.add(stored);
        }
      }
    }
    Set<String> normalizedTags = new LinkedHashSet<>();
    for (String tag : tags) {
      String normalized = normalizer.text("tags", tag, 100, violations);
      if (normalized != null) {
        normalizedTags.add(normalized);
      } else if (tag == null || tag.isBlank()) {
        violations.add(new FieldViolation("tags", "must not contain blank tags"));
      }
    }
    Map<String, AttributeValue> typedAttributes = new LinkedHashMap<>();
    if (!attributeValues.isEmpty()) {
      Map<String, AttributeDefinition> definitions = attributes.definitionsByKey();
      attributeValues.forEach((key, value) -> {
        AttributeValue typed = DefaultCustomerAttributeService.typedValue(
            "attributes." + key, definitions.get(key), value, violations);
        if (typed != null) {
          typedAttributes.put(key, typed);
        }
      });
    }
    return new CustomerDetails(
        identities,
        normalizer.text("givenName", givenName, 200, violations),
        normalizer.text("familyName", familyName, 200, violations),
        normalizer.email("email", email, violations),
        normalizer.phone("phone", phone, violations),
        birthDate,
        normalizer.language("language", language, violations),
        normalizedAddress,
        stage,
        contacts,
        normalizedTags,
        typedAttributes);
  }

  static void throwIfAny(List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }
}

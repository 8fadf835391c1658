package org.clientele.crm.impl.customer;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.clientele.crm.api.customer.Attention;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ContactPoint;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerSummary;
import org.clientele.crm.api.customer.ExternalIdentity;

/** Entities never cross the API: this turns them into records. */
final class CustomerMapper {

  private CustomerMapper() {}

  static CustomerProfile toProfile(Customer c, List<ConsentDecision> consentsInForce) {
    return toProfile(c, consentsInForce, c.id(), c.version());
  }

  /** The profile with the given id and version (a batch's new profile has neither until it is written). */
  static CustomerProfile toProfile(Customer c, List<ConsentDecision> consentsInForce, long id, long version) {
    List<ExternalIdentity> identities = c.identities().stream()
        .map(i -> new ExternalIdentity(i.system(), i.externalId()))
        .sorted(Comparator.comparing(ExternalIdentity::system).thenComparing(ExternalIdentity::externalId))
        .toList();
    List<ContactPoint> contacts = c.contactPoints().stream()
        .map(p -> new ContactPoint(p.type(), p.value(), p.label()))
        .toList();
    TreeMap<String, String> attributes = new TreeMap<>();
    c.attributes().forEach((key, value) -> attributes.put(key, value.text()));
    return new CustomerProfile(
        id, version, c.givenName(), c.familyName(), c.email(), c.phone(), c.birthDate(), c.language(),
        c.address(), c.lifecycleStage(), identities, contacts,
        Collections.unmodifiableSortedSet(new TreeSet<>(c.tags())),
        Collections.unmodifiableSortedMap(attributes),
        consentsInForce,
        c.attentionSince() == null ? null : new Attention(c.attentionReason(), c.attentionSince()),
        c.createdAt(), c.updatedAt());
  }

  /** The same profile with its id and version (a batch knows them only once it has written). */
  static CustomerProfile withIdAndVersion(CustomerProfile p, long id, long version) {
    return new CustomerProfile(id, version, p.givenName(), p.familyName(), p.email(), p.phone(), p.birthDate(),
        p.language(), p.address(), p.lifecycleStage(), p.identities(), p.contactPoints(), p.tags(), p.attributes(),
        p.consents(), p.attention(), p.createdAt(), p.updatedAt());
  }

  static CustomerSummary toSummary(Customer c) {
    return new CustomerSummary(
        c.id(), c.givenName(), c.familyName(), c.email(), c.phone(), c.lifecycleStage(), c.updatedAt());
  }
}

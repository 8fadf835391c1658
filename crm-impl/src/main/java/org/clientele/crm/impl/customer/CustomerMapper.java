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
        c.id(), c.version(), c.givenName(), c.familyName(), c.email(), c.phone(), c.birthDate(), c.language(),
        c.address(), c.lifecycleStage(), identities, contacts,
        Collections.unmodifiableSortedSet(new TreeSet<>(c.tags())),
        Collections.unmodifiableSortedMap(attributes),
        consentsInForce,
        c.attentionSince() == null ? null : new Attention(c.attentionReason(), c.attentionSince()),
        c.createdAt(), c.updatedAt());
  }

  static CustomerSummary toSummary(Customer c) {
    return new CustomerSummary(
        c.id(), c.givenName(), c.familyName(), c.email(), c.phone(), c.lifecycleStage(), c.updatedAt());
  }
}

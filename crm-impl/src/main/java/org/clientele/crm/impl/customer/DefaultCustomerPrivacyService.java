package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.clientele.crm.api.customer.ContactType;
import org.clientele.crm.api.customer.CustomerExport;
import org.clientele.crm.api.customer.CustomerPrivacyService;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.ErasureReceipt;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.events.CustomerErased;
import org.clientele.crm.impl.audit.AuditLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Export and erasure of one person's data. */
@ApplicationScoped
@Transactional
public class DefaultCustomerPrivacyService implements CustomerPrivacyService {

  @Inject JpaCustomerRepository customers;

  @Inject DefaultCustomerService customerService;

  @Inject DefaultCustomerMergeService merges;

  @Inject ConsentBook consents;

  @Inject ErasureBlocks erasureBlocks;

  @Inject AuditLog audit;

  @Inject jakarta.enterprise.inject.Instance<CustomerDataParticipant> participants;

  @Inject Event<CustomerErased> erased;

  @Inject
  @ConfigProperty(name = "crm.customer.erasure.block-days")
  int blockDays;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public CustomerExport export(long customerId) {
    Customer customer = customerService.load(customerId);
    CustomerProfile profile = customerService.profile(customer);
    List<CustomerExport.AuditEntry> trail = audit.trailOf("Customer", customer.id()).stream()
        .map(e -> new CustomerExport.AuditEntry(e.occurredAt(), e.actor(), e.action(), e.detail()))
        .toList();
    java.util.Map<String, List<Object>> activity = new java.util.TreeMap<>();
    participants.forEach(p -> activity.put(p.name(), new ArrayList<Object>(p.export(customer.id()))));
    return new CustomerExport(profile, consents.history(customer.id()), trail, merges.mergesOf(customer.id()),
        activity, Instant.now());
  }

  @Override
  public ErasureReceipt erase(long customerId, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 200) {
      throw new org.clientele.crm.api.InvalidInputException("reason", "must be 1 to 200 characters");
    }
    Instant now = Instant.now();
    Customer customer = customerService.load(customerId);
    List<Customer> person = new ArrayList<>();
    person.add(customer);
    person.addAll(customers.mergedInto(customer.id()));

    Set<ExternalIdentity> identities = new LinkedHashSet<>();
    Set<String> emails = new LinkedHashSet<>();
    Set<String> phones = new LinkedHashSet<>();
    customer.identities().forEach(i -> identities.add(new ExternalIdentity(i.system(), i.externalId())));
    addIfPresent(emails, customer.email());
    addIfPresent(phones, customer.phone());
    for (StoredContactPoint point : customer.contactPoints()) {
      (point.type() == ContactType.EMAIL ? emails : phones).add(point.value());
    }
    // Merged profiles' data lives only in merge before-images; they are scrubbed below.
    for (Customer member : person) {
      for (CustomerMergeRecord merge : customers.mergesInvolving(member.id())) {
        merge.scrub();
      }
    }

    List<ErasureBlock.Key> keys = new ArrayList<>();
    identities.forEach(i -> keys.add(ErasureBlocks.identityKey(i.system(), i.externalId())));
    emails.forEach(e -> keys.add(ErasureBlocks.emailKey(e)));
    phones.forEach(p -> keys.add(ErasureBlocks.phoneKey(p)));
    Instant blockedUntil = now.plus(Duration.ofDays(blockDays));

    for (Customer member : person) {
      member.markErased(now);
      customers.anonymizeConsents(member.id());
      participants.forEach(p -> p.anonymize(member.id()));
    }
    customers.flush();
    erasureBlocks.block(keys, blockedUntil);
    audit.record("customer.erased", "Customer", customer.id(), "reason=" + reason);
    erased.fire(new CustomerErased(customer.id(), List.copyOf(identities), List.copyOf(emails), List.copyOf(phones),
        now));
    return new ErasureReceipt(customer.id(), now, blockedUntil);
  }

  private static void addIfPresent(Set<String> values, String value) {
    if (value != null) {
      values.add(value);
    }
  }
}

package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.ContactType;
import org.clientele.crm.api.customer.CustomerMergeService;
import org.clientele.crm.api.customer.MergeResult;
import org.clientele.crm.api.customer.MergeSummary;
import org.clientele.crm.api.customer.events.CustomerUnmerged;
import org.clientele.crm.api.customer.events.CustomersMerged;
import org.clientele.crm.impl.audit.AuditLog;
import org.clientele.crm.impl.persistence.JsonBinding;

/**
 * Merges profiles of one person and undoes merges. A merge moves everything of the merged profiles to the
 * survivor in one transaction and records before-images of all of them; unmerge puts them back.
 */
@ApplicationScoped
@Transactional
public class DefaultCustomerMergeService implements CustomerMergeService {


  @Inject JpaCustomerRepository customers;

  @Inject DefaultCustomerService customerService;

  @Inject CustomerRegistrar registrar;

  @Inject Survivorship survivorship;

  @Inject AuditLog audit;

  @Inject jakarta.enterprise.inject.Instance<CustomerDataParticipant> participants;

  @Inject Event<CustomersMerged> mergedEvents;

  @Inject Event<CustomerUnmerged> unmergedEvents;

  @Override
  public MergeResult merge(long survivorId, List<Long> mergedIds) {
    if (mergedIds == null || mergedIds.isEmpty() || mergedIds.size() > 9
        // List.of(..).contains(null) throws, so test element by element.
        || mergedIds.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidInputException("mergedIds", "must name 1 to 9 profiles");
    }
    if (mergedIds.contains(survivorId) || new HashSet<>(mergedIds).size() != mergedIds.size()) {
      throw new InvalidInputException("mergedIds", "must be distinct and must not contain the survivor");
    }
    Instant now = Instant.now();
    Customer survivor = customerService.active(survivorId);
    List<Customer> merged = mergedIds.stream().map(customerService::active).toList();
    List<Customer> all = new ArrayList<>();
    all.add(survivor);
    all.addAll(merged);

    List<CustomerSnapshot> images =
        all.stream().map(c -> c.snapshot(customers.consentIdsOf(c.id()), participantIdsOf(c.id()))).toList();
    Chosen chosen = choose(all);
    Moved moved = collect(survivor, merged, chosen);

    // Free the merged profiles' unique keys first, then give them to the survivor.
    merged.forEach(m -> survivor.takeAttentionOf(m, now));
    merged.forEach(m -> m.markMerged(survivorId, now));
    survivor.releaseKeys();
    customers.flush();

    survivor.setNames(chosen.givenName(), chosen.familyName());
    survivor.setEmail(chosen.email());
    survivor.setPhone(chosen.phone());
    survivor.setBirthDate(chosen.birthDate());
    survivor.setLanguage(chosen.language());
    survivor.setAddress(chosen.address());
    if (chosen.lifecycleStage() != null) {
      survivor.setLifecycleStage(chosen.lifecycleStage());
    }
    moved.identities().forEach(survivor::addIdentity);
    survivor.contactPoints().clear();
    survivor.contactPoints().addAll(moved.contacts());
    survivor.addTags(moved.tags());
    moved.attributes().forEach(survivor.attributes()::putIfAbsent);
    survivor.touch(now);
    registrar.syncMatchKeys(survivor, CustomerRegistrar.TakenKey.SKIP);
    customers.moveConsents(mergedIds, survivorId);
    participants.forEach(p -> p.moveAll(mergedIds, survivorId));

    CustomerMergeRecord record = new CustomerMergeRecord(survivorId, mergedIds, now, audit.actor(),
        JsonBinding.get().toJson(new CustomerSnapshot.MergeImage(images)));
    customers.storeMerge(record);
    customers.flush();
    audit.record("customer.merged", "Customer", survivorId, "merge=" + record.id() + " merged=" + mergedIds);
    for (Long id : mergedIds) {
      audit.record("customer.merged-into", "Customer", id, "merge=" + record.id() + " survivor=" + survivorId);
    }
    mergedEvents.fire(new org.clientele.crm.api.customer.events.CustomersMerged(record.id(), survivorId, mergedIds, now));
    return new MergeResult(record.id(), customerService.profile(survivor), mergedIds);
  }

  @Override
  public MergeSummary unmerge(long mergeId) {
    CustomerMergeRecord record = customers.findMerge(mergeId)
        .orElseThrow(() -> new ResourceNotFoundException("Merge", mergeId));
    if (record.undoneAt() != null) {
      throw new ConflictException("Merge " + mergeId + " was already undone");
    }
    if (record.scrubbed()) {
      throw new ConflictException("Merge " + mergeId + " involved an erased customer and cannot be undone");
    }
    Customer survivor = customerService.active(record.survivorId());
    List<CustomerSnapshot> images =
        JsonBinding.get().fromJson(record.beforeImage(), CustomerSnapshot.MergeImage.class).profiles();
    Instant now = Instant.now();

    // Release the keys the survivor holds now, so that their original owners can take them back.
    survivor.releaseKeys();
    customers.flush();

    List<Long> restored = new ArrayList<>();
    for (CustomerSnapshot image : images) {
      Customer customer = image.id().equals(survivor.id()) ? survivor
          : customers.find(image.id()).orElseThrow(() -> new ResourceNotFoundException("Customer", image.id()));
      if (customer != survivor && (customer.status() != CustomerStatus.MERGED
          || !Objects.equals(customer.mergedIntoId(), survivor.id()))) {
        throw new ConflictException("Customer " + image.id() + " changed since merge " + mergeId
            + " and cannot be restored");
      }
      customer.restore(image, now);
      if (customer != survivor) {
        customers.moveConsentRecords(image.consentIds(), image.id());
        for (CustomerDataParticipant participant : participants) {
          participant.moveBack(image.participantIds().getOrDefault(participant.name(), List.of()), image.id());
        }
        restored.add(image.id());
      }
    }
    record.undo(now);
    customers.flush();
    audit.record("customer.unmerged", "Customer", survivor.id(), "merge=" + mergeId + " restored=" + restored);
    unmergedEvents.fire(new CustomerUnmerged(mergeId, survivor.id(), restored, now));
    return record.toSummary();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<MergeSummary> mergesOf(long customerId) {
    return customers.mergesInvolving(customerId).stream().map(CustomerMergeRecord::toSummary).toList();
  }

  private Map<String, List<Long>> participantIdsOf(long customerId) {
    Map<String, List<Long>> ids = new LinkedHashMap<>();
    participants.forEach(p -> ids.put(p.name(), p.idsOwnedBy(customerId)));
    return ids;
  }

  private Chosen choose(List<Customer> all) {
    String[] name = survivorship.choose("name", all,
        c -> c.givenName() == null && c.familyName() == null ? null : new String[] {c.givenName(), c.familyName()});
    return new Chosen(
        name == null ? null : name[0], name == null ? null : name[1],
        survivorship.choose("email", all, Customer::email),
        survivorship.choose("phone", all, Customer::phone),
        survivorship.choose("birthDate", all, Customer::birthDate),
        survivorship.choose("language", all, Customer::language),
        survivorship.choose("address", all, Customer::address),
        survivorship.choose("lifecycleStage", all, Customer::lifecycleStage));
  }

  /**
   * Everything the survivor ends up holding besides the chosen fields: all identities, tags and attribute
   * values (the survivor's own values win), and every email and phone that is not the chosen primary as an
   * additional contact point, so that nothing is lost.
   */
  private static Moved collect(Customer survivor, List<Customer> merged, Chosen chosen) {
    List<Customer> all = new ArrayList<>();
    all.add(survivor);
    all.addAll(merged);
    List<IdentityKey> identities = new ArrayList<>();
    List<StoredContactPoint> contacts = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    for (Customer c : all) {
      identities.addAll(c.identities());
      addContact(contacts, ContactType.EMAIL, c.email(), chosen.email());
      addContact(contacts, ContactType.PHONE, c.phone(), chosen.phone());
      for (StoredContactPoint p : c.contactPoints()) {
        addContact(contacts, p.type(), p.value(), p.type() == ContactType.EMAIL ? chosen.email() : chosen.phone(),
            p.label());
      }
      tags.addAll(c.tags());
      c.attributes().forEach(attributes::putIfAbsent);
    }
    return new Moved(identities, contacts, tags, attributes);
  }

  private static void addContact(List<StoredContactPoint> contacts, ContactType type, String value, String primary) {
    addContact(contacts, type, value, primary, null);
  }

  private static void addContact(
      List<StoredContactPoint> contacts, ContactType type, String value, String primary, String label) {
    if (value == null || value.equals(primary)
        || contacts.stream().anyMatch(p -> p.type() == type && p.value().equals(value))) {
      return;
    }
    contacts.add(new StoredContactPoint(type, value, label));
  }

  private record Chosen(String givenName, String familyName, String email, String phone,
      java.time.LocalDate birthDate, String language, org.clientele.crm.api.customer.Address address,
      org.clientele.crm.api.customer.LifecycleStage lifecycleStage) {}

  private record Moved(List<IdentityKey> identities, List<StoredContactPoint> contacts, List<String> tags,
      Map<String, AttributeValue> attributes) {}
}

package org.clientele.crm.impl.customer;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ContactType;
import org.clientele.crm.api.customer.DuplicateIdentityException;
import org.clientele.crm.api.customer.MatchRule;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.customer.Registration;
import org.clientele.crm.api.customer.events.CustomerRegistered;
import org.clientele.crm.api.customer.events.CustomerUpdated;
import org.clientele.crm.impl.audit.AuditLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One registration attempt in its own transaction. Identity resolution reads first and writes after, so
 * two concurrent registrations of one person can both decide to create; the unique keys then reject the
 * second at flush, and {@link DefaultCustomerService} retries it, when it finds the first one's profile.
 */
@ApplicationScoped
public class CustomerRegistrar {

  @Inject JpaCustomerRepository customers;

  @Inject CustomerInputs inputs;

  @Inject ConsentBook consents;

  @Inject AuditLog audit;

  @Inject ErasureBlocks erasureBlocks;

  @Inject Event<CustomerRegistered> registered;

  @Inject Event<CustomerUpdated> updated;

  @Inject
  @ConfigProperty(name = "crm.customer.match.rules")
  List<MatchRule> configuredRules;

  private Set<MatchRule> rules;

  @PostConstruct
  void init() {
    rules = configuredRules.isEmpty() ? EnumSet.noneOf(MatchRule.class) : EnumSet.copyOf(configuredRules);
  }

  Set<MatchRule> rules() {
    return rules;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Registration attempt(NewCustomer input) {
    return register(input, inputs.of(input), Instant.now());
  }

  /**
   * A batch in one transaction, element by element in list order. Each element is flushed before the next
   * resolves (and the persistence context cleared), so an element that matches a profile an earlier one created
   * finds it and updates it.
   *
   * @param details each element's normalized details, validated beforehand (index for index)
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Registration> attemptAll(List<NewCustomer> batch, List<CustomerDetails> details) {
    Instant now = Instant.now();
    List<Registration> registrations = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      registrations.add(register(batch.get(i), details.get(i), now));
      // EclipseLink compares every managed object at each flush (deferred change detection), and resolution
      // queries flush: without this, a batch costs O(n²) comparisons (500 elements: 59/s instead of the
      // single registration's rate). A later element of the same person reads the flushed profile again.
      customers.flushAndClear();
    }
    return registrations;
  }

  private Registration register(NewCustomer input, CustomerDetails details, Instant now) {
    erasureBlocks.refuseIfErased(details, now);
    Match match = resolve(details);
    Customer customer;
    if (match == null) {
      // Complete before persist: EclipseLink compares later flushes with the state at persist time, so a
      // new entity changed after persist() would be written (and its version raised) again at every flush.
      customer = new Customer(now);
      apply(customer, details);
      details.identities().forEach(customer::addIdentity);
      syncMatchKeys(customer, TakenKey.LOST_RACE);
      customers.store(customer);
    } else {
      customer = match.customer();
      merge(customer, details);
      details.identities().forEach(customer::addIdentity);
      syncMatchKeys(customer, TakenKey.SKIP);
      customer.touch(now);
    }
    customers.flush();

    for (ConsentDecision decision : input.consents()) {
      consents.record(customer.id(), decision, now);
    }
    if (match == null) {
      audit.record("customer.registered", "Customer", customer.id(), null);
      registered.fire(new CustomerRegistered(customer.id(), now));
    } else {
      audit.record("customer.upserted", "Customer", customer.id(), "matchedBy=" + match.rule());
      updated.fire(new CustomerUpdated(customer.id(), customer.version(), now));
    }
    return new Registration(CustomerMapper.toProfile(customer, consents.inForce(customer.id())), match == null,
        match == null ? null : match.rule());
  }

  /** The existing profile of this person by the first rule that finds one, or {@code null}. */
  private Match resolve(CustomerDetails details) {
    if (rules.contains(MatchRule.EXTERNAL_IDENTITY)) {
      Customer owner = null;
      for (IdentityKey identity : details.identities()) {
        Optional<Customer> found = customers.findByIdentity(identity.system(), identity.externalId());
        if (found.isPresent()) {
          if (owner != null && !owner.id().equals(found.get().id())) {
            throw new DuplicateIdentityException(
                "Identity " + identity.system() + "/" + identity.externalId(), found.get().id());
          }
          owner = found.get();
        }
      }
      if (owner != null) {
        return new Match(owner, MatchRule.EXTERNAL_IDENTITY);
      }
    }
    if (rules.contains(MatchRule.EMAIL)) {
      for (String email : values(details, ContactType.EMAIL)) {
        Optional<Customer> found = customers.findByMatchKey(MatchKey.EMAIL, email);
        if (found.isPresent()) {
          return new Match(found.get(), MatchRule.EMAIL);
        }
      }
    }
    if (rules.contains(MatchRule.PHONE)) {
      for (String phone : values(details, ContactType.PHONE)) {
        Optional<Customer> found = customers.findByMatchKey(MatchKey.PHONE, phone);
        if (found.isPresent()) {
          return new Match(found.get(), MatchRule.PHONE);
        }
      }
    }
    return null;
  }

  private static List<String> values(CustomerDetails details, ContactType type) {
    List<String> values = new ArrayList<>();
    String primary = type == ContactType.EMAIL ? details.email() : details.phone();
    if (primary != null) {
      values.add(primary);
    }
    details.contactPoints().stream().filter(p -> p.type() == type).map(StoredContactPoint::value)
        .forEach(values::add);
    return values;
  }

  /** A new profile takes every detail given. */
  static void apply(Customer customer, CustomerDetails details) {
    customer.setNames(details.givenName(), details.familyName());
    customer.setEmail(details.email());
    customer.setPhone(details.phone());
    customer.setBirthDate(details.birthDate());
    customer.setLanguage(details.language());
    customer.setAddress(details.address());
    if (details.lifecycleStage() != null) {
      customer.setLifecycleStage(details.lifecycleStage());
    }
    customer.contactPoints().addAll(details.contactPoints());
    customer.addTags(details.tags());
    customer.attributes().putAll(details.attributes());
  }

  /**
   * An upsert onto an existing profile: given details overwrite, absent ones are kept, and nothing is
   * lost: a replaced primary email or phone stays as an additional contact point.
   */
  static void merge(Customer customer, CustomerDetails details) {
    if (details.givenName() != null || details.familyName() != null) {
      customer.setNames(
          details.givenName() != null ? details.givenName() : customer.givenName(),
          details.familyName() != null ? details.familyName() : customer.familyName());
    }
    if (details.email() != null && !details.email().equals(customer.email())) {
      keepAsContactPoint(customer, ContactType.EMAIL, customer.email());
      customer.contactPoints().removeIf(p -> p.type() == ContactType.EMAIL && p.value().equals(details.email()));
      customer.setEmail(details.email());
    }
    if (details.phone() != null && !details.phone().equals(customer.phone())) {
      keepAsContactPoint(customer, ContactType.PHONE, customer.phone());
      customer.contactPoints().removeIf(p -> p.type() == ContactType.PHONE && p.value().equals(details.phone()));
      customer.setPhone(details.phone());
    }
    if (details.birthDate() != null) {
      customer.setBirthDate(details.birthDate());
    }
    if (details.language() != null) {
      customer.setLanguage(details.language());
    }
    if (details.address() != null) {
      customer.setAddress(details.address());
    }
    if (details.lifecycleStage() != null) {
      customer.setLifecycleStage(details.lifecycleStage());
    }
    for (StoredContactPoint point : details.contactPoints()) {
      boolean isPrimary = point.value().equals(point.type() == ContactType.EMAIL ? customer.email() : customer.phone());
      boolean known = customer.contactPoints().stream()
          .anyMatch(p -> p.type() == point.type() && p.value().equals(point.value()));
      if (!isPrimary && !known) {
        customer.contactPoints().add(point);
      }
    }
    customer.addTags(details.tags());
    customer.attributes().putAll(details.attributes());
  }

  private static void keepAsContactPoint(Customer customer, ContactType type, String previous) {
    if (previous != null && customer.contactPoints().stream()
        .noneMatch(p -> p.type() == type && p.value().equals(previous))) {
      customer.contactPoints().add(new StoredContactPoint(type, previous, "previous"));
    }
  }

  /** What to do when another profile holds a key this profile should have. */
  enum TakenKey {
    /** Upsert onto an existing profile: keep the contact point, leave the key to its holder. */
    SKIP,
    /** A new profile: a concurrent registration of the same person won; retry to find it. */
    LOST_RACE,
    /** An explicit change: refuse it, the address or number belongs to someone else. */
    REFUSE
  }

  /** Makes the profile's match keys its current emails and phones, for the rules in force. */
  void syncMatchKeys(Customer customer, TakenKey whenTaken) {
    Set<MatchKey> wanted = new LinkedHashSet<>();
    if (rules.contains(MatchRule.EMAIL)) {
      addKeys(wanted, MatchKey.EMAIL, customer.email(), customer, ContactType.EMAIL);
    }
    if (rules.contains(MatchRule.PHONE)) {
      addKeys(wanted, MatchKey.PHONE, customer.phone(), customer, ContactType.PHONE);
    }
    customer.matchKeys().retainAll(wanted);
    for (MatchKey key : wanted) {
      if (customer.matchKeys().contains(key)) {
        continue;
      }
      Optional<Customer> owner = customers.findByMatchKey(key.kind(), key.value());
      if (owner.isPresent() && !owner.get().id().equals(customer.id())) {
        switch (whenTaken) {
          case SKIP -> {
            continue;
          }
          case LOST_RACE -> throw new LostRegistrationRace(key.kind());
          case REFUSE -> throw new DuplicateIdentityException(
              key.kind().equals(MatchKey.EMAIL) ? "The email address" : "The phone number", owner.get().id());
        }
      }
      customer.addMatchKey(key);
    }
  }

  private static void addKeys(Set<MatchKey> keys, String kind, String primary, Customer customer, ContactType type) {
    if (primary != null) {
      keys.add(new MatchKey(kind, primary));
    }
    customer.contactPoints().stream().filter(p -> p.type() == type)
        .forEach(p -> keys.add(new MatchKey(kind, p.value())));
  }

  private record Match(Customer customer, MatchRule rule) {}
}

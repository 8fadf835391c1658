package org.clientele.crm.impl.customer;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ContactType;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.RecentlyErasedException;
import org.clientele.crm.api.customer.DuplicateIdentityException;
import org.clientele.crm.api.customer.MatchRule;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.customer.Registration;
import org.clientele.crm.api.customer.events.ConsentChanged;
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

  @Inject Event<ConsentChanged> consentChanged;

  @Inject CustomerResolver resolver;

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
   * A batch in one transaction, element by element in list order, set-based: the erasure blocks, the profiles
   * any element may match (by identity, email or phone) and their consent histories are read up front with a few
   * IN queries; the elements are then resolved against that and against the profiles earlier elements created or
   * changed (in memory, so an element that matches a profile an earlier one created finds it and updates it);
   * everything is written with two flushes (profiles, then consents and audit events), which lets EclipseLink's batch writing group the inserts (the new
   * profiles' collection rows by batched JDBC, see below); the events are fired after it, in element order, and the outboxes observing them take the profiles from memory
   * ({@link CustomerResolver#knowProfiles}). A concurrent registration of the same person that commits first
   * makes the writes fail on a unique key, and {@link DefaultCustomerService#registerAll} runs the batch again.
   *
   * <p>Each element's registration shows the profile as that element left it; the version is the one the batch
   * wrote (a profile that several elements change is written, and its version raised, once).
   *
   * @param details each element's normalized details, validated beforehand (index for index)
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Registration> attemptAll(List<NewCustomer> batch, List<CustomerDetails> details) {
    Instant now = Instant.now();
    Known known = lookUp(details, now);
    List<Step> steps = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      steps.add(registerKnown(batch.get(i), details.get(i), known));
    }

    // New profiles are persisted without their collections, which are written below by batched JDBC: EclipseLink
    // writes an entity's element collections right after its own row, so the statements of 500 new profiles
    // alternate between five tables and its batch writing, which sends a batch whenever the statement changes,
    // would send one round trip per row.
    Map<Customer, Collections> created = new IdentityHashMap<>();
    for (Step step : steps) {
      if (step.rule() == null && !created.containsKey(step.customer())) {
        created.put(step.customer(), Collections.takeFrom(step.customer()));
        customers.store(step.customer());
      }
    }
    // The profiles first: a consent names its customer by a plain id column, so EclipseLink does not know to
    // insert the profile before it and may order the consents first (a foreign-key violation).
    customers.flush();
    // The consents and audit events (the rows ConsentBook.record and AuditLog.record write) by batched JDBC too:
    // as entities, they were half of the flush's work.
    List<ConsentRecord> consentRows = new ArrayList<>();
    List<AuditLog.Entry> audited = new ArrayList<>();
    for (Step step : steps) {
      long id = step.customer().id();
      for (int d = 0; d < step.consents().size(); d++) {
        ConsentDecision decision = step.consents().get(d);
        boolean takesEffect = step.takesEffect().get(d);
        consentRows.add(new ConsentRecord(id, decision, now));
        audited.add(new AuditLog.Entry(ConsentBook.AUDIT_ACTION, "Customer", id,
            ConsentBook.auditDetail(decision, takesEffect)));
        if (takesEffect) {
          step.consentEvents().add(ConsentBook.changeOf(id, decision));
        }
      }
      if (step.changed()) {
        audited.add(new AuditLog.Entry(step.rule() == null ? "customer.registered" : "customer.upserted", "Customer",
            id, step.rule() == null ? null : "matchedBy=" + step.rule()));
      }
    }
    customers.insertCollections(created.entrySet().stream().map(e -> e.getValue().rows(e.getKey().id())).toList());
    customers.insertConsents(consentRows);
    audit.recordAll(audited);
    // Nothing more to write: detach everything (a later flush would compare every object again), then give the
    // new profiles their collections back in memory for the responses and the events' observers.
    customers.clear();
    created.forEach((customer, collections) -> collections.putBack(customer));

    Map<Long, CustomerProfile> written = new HashMap<>();
    known.histories.forEach((customer, history) -> written.put(customer.id(),
        CustomerMapper.toProfile(customer, ConsentPrecedence.inForcePerChannelAndPurpose(history))));
    List<Registration> registrations = new ArrayList<>(steps.size());
    resolver.knowProfiles(written);
    try {
      for (Step step : steps) {
        Customer customer = step.customer();
        step.consentEvents().forEach(consentChanged::fire);
        if (step.rule() == null) {
          registered.fire(new CustomerRegistered(customer.id(), now));
        } else if (step.changed()) {
          updated.fire(new CustomerUpdated(customer.id(), customer.version(), now));
        }
        registrations.add(new Registration(
            CustomerMapper.withIdAndVersion(step.profile(), customer.id(), customer.version()),
            step.rule() == null, step.rule()));
      }
    } finally {
      resolver.forgetProfiles();
    }
    return registrations;
  }

  /** A new profile's collections, held aside while EclipseLink writes its row. */
  private record Collections(List<IdentityKey> identities, List<MatchKey> matchKeys,
      List<StoredContactPoint> contactPoints, List<String> tags, Map<String, AttributeValue> attributes) {

    static Collections takeFrom(Customer customer) {
      Collections taken = new Collections(List.copyOf(customer.identities()), List.copyOf(customer.matchKeys()),
          List.copyOf(customer.contactPoints()), List.copyOf(customer.tags()),
          new java.util.LinkedHashMap<>(customer.attributes()));
      customer.identities().clear();
      customer.matchKeys().clear();
      customer.contactPoints().clear();
      customer.tags().clear();
      customer.attributes().clear();
      return taken;
    }

    void putBack(Customer customer) {
      customer.identities().addAll(identities);
      customer.matchKeys().addAll(matchKeys);
      customer.contactPoints().addAll(contactPoints);
      customer.tags().addAll(tags);
      customer.attributes().putAll(attributes);
    }

    JpaCustomerRepository.CollectionRows rows(long customerId) {
      return new JpaCustomerRepository.CollectionRows(customerId, identities, matchKeys, contactPoints, tags,
          attributes);
    }
  }

  /** What a batch knows before and while it registers: read once up front, then kept up to date in memory. */
  private static final class Known {
    final Instant now;
    final Set<ErasureBlock.Key> blocked = new HashSet<>();
    final Map<IdentityKey, Customer> byIdentity = new HashMap<>();
    final Map<MatchKey, Customer> byMatchKey = new HashMap<>();
    /** Every profile the batch touches, with its whole consent history. */
    final Map<Customer, List<ConsentDecision>> histories = new IdentityHashMap<>();

    Known(Instant now) {
      this.now = now;
    }

    void holds(Customer customer) {
      customer.identities().forEach(identity -> byIdentity.put(identity, customer));
      customer.matchKeys().forEach(key -> byMatchKey.put(key, customer));
    }
  }

  /** One element's outcome, completed once the batch is written. */
  private record Step(Customer customer, MatchRule rule, boolean changed, CustomerProfile profile,
      List<ConsentDecision> consents, List<Boolean> takesEffect, List<ConsentChanged> consentEvents) {}

  private Known lookUp(List<CustomerDetails> details, Instant now) {
    Known known = new Known(now);
    Set<ErasureBlock.Key> blockKeys = new HashSet<>();
    Set<IdentityKey> identities = new HashSet<>();
    Set<MatchKey> matchKeys = new HashSet<>();
    for (CustomerDetails d : details) {
      blockKeys.addAll(ErasureBlocks.keysOf(d));
      identities.addAll(d.identities());
      if (d.email() != null) {
        matchKeys.add(new MatchKey(MatchKey.EMAIL, d.email()));
      }
      if (d.phone() != null) {
        matchKeys.add(new MatchKey(MatchKey.PHONE, d.phone()));
      }
      d.contactPoints().forEach(point -> matchKeys.add(
          new MatchKey(point.type() == ContactType.EMAIL ? MatchKey.EMAIL : MatchKey.PHONE, point.value())));
    }
    if (!blockKeys.isEmpty()) {
      customers.findBlocks(blockKeys).stream().filter(b -> b.blocks(now)).forEach(b -> known.blocked.add(b.key()));
    }
    List<Customer> owners = new ArrayList<>();
    if (!identities.isEmpty() && rules.contains(MatchRule.EXTERNAL_IDENTITY)) {
      owners.addAll(customers.findByIdentities(identities));
    }
    if (!matchKeys.isEmpty() && (rules.contains(MatchRule.EMAIL) || rules.contains(MatchRule.PHONE))) {
      owners.addAll(customers.findByMatchKeys(matchKeys));
    }
    Map<Long, Customer> byId = new HashMap<>();
    owners.forEach(c -> byId.putIfAbsent(c.id(), c));
    byId.values().forEach(known::holds);
    if (!byId.isEmpty()) {
      Map<Long, List<ConsentDecision>> histories = new HashMap<>();
      customers.consentsOf(byId.keySet()).forEach(r ->
          histories.computeIfAbsent(r.customerId(), id -> new ArrayList<>()).add(r.toDecision()));
      byId.values().forEach(c -> known.histories.put(c, histories.getOrDefault(c.id(), new ArrayList<>())));
    }
    return known;
  }

  /**
   * {@link #register} for a batch, in memory: against what the batch knows, writing nothing (a new profile has no
   * id yet; {@link #attemptAll} persists it and writes the consents and audit events after the last element).
   */
  private Step registerKnown(NewCustomer input, CustomerDetails details, Known known) {
    for (ErasureBlock.Key key : ErasureBlocks.keysOf(details)) {
      if (known.blocked.contains(key)) {
        throw new RecentlyErasedException();
      }
    }
    Instant now = known.now;
    Match match = resolveKnown(details, known);
    Customer customer;
    boolean changed = true;
    if (match == null) {
      customer = new Customer(now);
      apply(customer, details);
      details.identities().forEach(customer::addIdentity);
      syncMatchKeys(customer, TakenKey.LOST_RACE, key -> Optional.ofNullable(known.byMatchKey.get(key)));
      known.histories.put(customer, new ArrayList<>());
    } else {
      customer = match.customer();
      changed = mergeInto(customer, details, now,
          () -> syncMatchKeys(customer, TakenKey.SKIP, key -> Optional.ofNullable(known.byMatchKey.get(key))));
      known.byMatchKey.values().removeIf(owner -> owner == customer); // keys it no longer holds (none, as a rule)
    }
    known.holds(customer);

    List<ConsentDecision> history = known.histories.get(customer);
    List<Boolean> takesEffect = new ArrayList<>();
    for (ConsentDecision decision : input.consents()) {
      takesEffect.add(consents.decideKnown(decision, history));
    }
    CustomerProfile profile = CustomerMapper.toProfile(customer, ConsentPrecedence.inForcePerChannelAndPurpose(history),
        0L, 0L);
    return new Step(customer, match == null ? null : match.rule(), changed, profile, List.copyOf(input.consents()),
        takesEffect, new ArrayList<>());
  }

  /** {@link #resolve} against what the batch knows. */
  private Match resolveKnown(CustomerDetails details, Known known) {
    if (rules.contains(MatchRule.EXTERNAL_IDENTITY)) {
      Customer owner = null;
      for (IdentityKey identity : details.identities()) {
        Customer found = known.byIdentity.get(identity);
        if (found != null) {
          if (owner != null && owner != found) {
            throw new DuplicateIdentityException(
                "Identity " + identity.system() + "/" + identity.externalId(), found.id());
          }
          owner = found;
        }
      }
      if (owner != null) {
        return new Match(owner, MatchRule.EXTERNAL_IDENTITY);
      }
    }
    for (MatchRule rule : List.of(MatchRule.EMAIL, MatchRule.PHONE)) {
      if (rules.contains(rule)) {
        ContactType type = rule == MatchRule.EMAIL ? ContactType.EMAIL : ContactType.PHONE;
        String kind = rule == MatchRule.EMAIL ? MatchKey.EMAIL : MatchKey.PHONE;
        for (String value : values(details, type)) {
          Customer found = known.byMatchKey.get(new MatchKey(kind, value));
          if (found != null) {
            return new Match(found, rule);
          }
        }
      }
    }
    return null;
  }

  private Registration register(NewCustomer input, CustomerDetails details, Instant now) {
    erasureBlocks.refuseIfErased(details, now);
    Match match = resolve(details);
    Customer customer;
    boolean changed = true;
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
      changed = mergeInto(customer, details, now, () -> syncMatchKeys(customer, TakenKey.SKIP));
    }
    customers.flush();

    for (ConsentDecision decision : input.consents()) {
      consents.record(customer.id(), decision, now);
    }
    if (match == null) {
      audit.record("customer.registered", "Customer", customer.id(), null);
      registered.fire(new CustomerRegistered(customer.id(), now));
    } else if (changed) {
      audit.record("customer.upserted", "Customer", customer.id(), "matchedBy=" + match.rule());
      updated.fire(new CustomerUpdated(customer.id(), customer.version(), now));
    }
    return new Registration(CustomerMapper.toProfile(customer, consents.inForce(customer.id())), match == null,
        match == null ? null : match.rule());
  }

  /**
   * Merges a registration into the profile it matched and tells an upsert that changes nothing: that one writes nothing,
   * keeps the version and fires no {@link CustomerUpdated}, so a replayed or redelivered record (an ERP message
   * applied again after a crash, say) leaves no trace downstream. Compared before the flush, so the version and
   * update time are the same on both sides. Returns whether the profile changed (and was touched).
   */
  private static boolean mergeInto(Customer customer, CustomerDetails details, Instant now, Runnable syncMatchKeys) {
    CustomerProfile before = contentOf(customer);
    merge(customer, details);
    details.identities().forEach(customer::addIdentity);
    syncMatchKeys.run();
    boolean changed = !before.equals(contentOf(customer));
    if (changed) {
      customer.touch(now);
    }
    return changed;
  }

  private static CustomerProfile contentOf(Customer customer) {
    return CustomerMapper.toProfile(customer, List.of(), 0L, 0L); // a batch's new profile has no id yet
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
    syncMatchKeys(customer, whenTaken, key -> customers.findByMatchKey(key.kind(), key.value()));
  }

  private void syncMatchKeys(Customer customer, TakenKey whenTaken,
      java.util.function.Function<MatchKey, Optional<Customer>> owners) {
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
      Optional<Customer> owner = owners.apply(key);
      if (owner.isPresent() && owner.get() != customer && !owner.get().id().equals(customer.id())) {
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

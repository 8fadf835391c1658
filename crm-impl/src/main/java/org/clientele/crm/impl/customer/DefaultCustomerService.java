package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;
import org.clientele.crm.api.customer.CustomerPage;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerQuery;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.CustomerUpdate;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.customer.Registration;
import org.clientele.crm.api.customer.events.CustomerUpdated;
import org.clientele.crm.impl.audit.AuditLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The customer service: profiles, identity resolution, search and consent. */
@ApplicationScoped
@Transactional
public class DefaultCustomerService implements CustomerService {

  /**
   * Registration retries after losing a race: on a unique key (another attempt created the person first)
   * or on the version (another attempt updated the same profile first). The next attempt reads again.
   */
  private static final int REGISTRATION_ATTEMPTS = 10;

  /**
   * A batch runs again whole after a lost race; fewer attempts than a single registration, since each one
   * redoes up to {@link #BATCH_LIMIT} registrations.
   */
  private static final int BATCH_ATTEMPTS = 5;

  private static final int BATCH_LIMIT = 500;

  /** SQL state of a unique-constraint violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final Logger LOG = Logger.getLogger(DefaultCustomerService.class.getName());

  @Inject JpaCustomerRepository customers;

  @Inject CustomerRegistrar registrar;

  @Inject CustomerInputs inputs;

  @Inject ConsentBook consents;

  @Inject AuditLog audit;

  @Inject Event<CustomerUpdated> updated;

  @Inject org.clientele.crm.impl.validation.InputValidator validator;

  @Inject
  @ConfigProperty(name = "crm.customer.search.count-limit")
  int countLimit;

  /**
   * Runs outside the caller's transaction: each attempt commits on its own, so that a lost race can be
   * retried. A registration is idempotent, so committing it independently of the caller is safe.
   */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Registration register(NewCustomer customer) {
    validator.check("customer", customer);
    for (int attempt = 1; ; attempt++) {
      try {
        return registrar.attempt(customer);
      } catch (RuntimeException e) {
        boolean lostRace = e instanceof LostRegistrationRace || isUniqueViolation(e) || isOptimisticLockFailure(e);
        if (!lostRace) {
          throw e;
        }
        if (attempt >= REGISTRATION_ATTEMPTS) {
          throw new ConflictException("Registration kept colliding with concurrent changes of the same person; retry", e);
        }
        int lost = attempt;
        LOG.fine(() -> "Registration lost a race on a unique key (attempt " + lost + "); retrying");
      }
    }
  }

  /**
   * Validates every element first (naming it {@code customers[i]}), then registers the batch in one
   * transaction; a lost race (or a deadlock, likelier with a batch's many rows) runs the whole batch again.
   */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public List<Registration> registerAll(List<NewCustomer> batch) {
    validator.checkEach("customers", batch, BATCH_LIMIT);
    if (batch.isEmpty()) {
      throw new org.clientele.crm.api.InvalidInputException("customers", "must have at least 1 customer");
    }
    List<FieldViolation> violations = new ArrayList<>();
    List<CustomerDetails> details = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size() && violations.size() < 100; i++) {
      try {
        details.add(inputs.of(batch.get(i)));
      } catch (org.clientele.crm.api.InvalidInputException e) {
        String prefix = "customers[" + i + "].";
        e.violations().forEach(v -> violations.add(new FieldViolation(prefix + v.field(), v.message())));
      }
    }
    CustomerInputs.throwIfAny(violations);
    for (int attempt = 1; ; attempt++) {
      try {
        return registrar.attemptAll(batch, details);
      } catch (RuntimeException e) {
        boolean lostRace = e instanceof LostRegistrationRace || isUniqueViolation(e) || isOptimisticLockFailure(e)
            || isTransactionRollback(e);
        if (!lostRace) {
          throw e;
        }
        if (attempt >= BATCH_ATTEMPTS) {
          throw new ConflictException(
              "Batch registration kept colliding with concurrent changes of the same people; retry", e);
        }
        int lost = attempt;
        LOG.fine(() -> "Batch registration of " + batch.size() + " lost a race (attempt " + lost + "); retrying");
      }
    }
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public CustomerProfile get(long customerId) {
    return profile(load(customerId));
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<CustomerProfile> findByIdentity(ExternalIdentity identity) {
    validator.check("identity", identity);
    ExternalIdentity normalized = inputs.identity(identity);
    return customers.findByIdentity(normalized.system(), normalized.externalId()).map(this::profile);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<CustomerProfile> findByEmail(String email) {
    List<FieldViolation> violations = new ArrayList<>();
    String normalized = inputs.normalizer().email("email", email, violations);
    CustomerInputs.throwIfAny(violations);
    return normalized == null ? Optional.empty()
        : customers.findByMatchKey(MatchKey.EMAIL, normalized).map(this::profile);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<CustomerProfile> findByPhone(String phone) {
    List<FieldViolation> violations = new ArrayList<>();
    String normalized = inputs.normalizer().phone("phone", phone, violations);
    CustomerInputs.throwIfAny(violations);
    return normalized == null ? Optional.empty()
        : customers.findByMatchKey(MatchKey.PHONE, normalized).map(this::profile);
  }

  @Override
  public CustomerProfile update(long customerId, long expectedVersion, CustomerUpdate update) {
    validator.check("update", update);
    Customer customer = load(customerId);
    if (customer.version() != expectedVersion) {
      throw new ConcurrentModificationException("Customer " + customerId, expectedVersion, customer.version());
    }
    CustomerDetails details = inputs.of(update);
    // A whole replacement: the collections start empty, then everything is applied as for a new profile.
    customer.contactPoints().clear();
    customer.tags().clear();
    customer.attributes().clear();
    CustomerRegistrar.apply(customer, details);
    return saveChange(customer, expectedVersion, "customer.updated");
  }

  @Override
  public CustomerProfile addIdentity(long customerId, ExternalIdentity identity) {
    validator.check("identity", identity);
    ExternalIdentity normalized = inputs.identity(identity);
    Customer customer = load(customerId);
    Optional<Customer> owner = customers.findByIdentity(normalized.system(), normalized.externalId());
    if (owner.isPresent()) {
      if (owner.get().id() == customerId) {
        return profile(customer);
      }
      throw new org.clientele.crm.api.customer.DuplicateIdentityException(
          "Identity " + normalized.system() + "/" + normalized.externalId(), owner.get().id());
    }
    customer.addIdentity(new IdentityKey(normalized.system(), normalized.externalId()));
    return saveChange(customer, customer.version(), "customer.identity-added");
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public CustomerPage search(CustomerQuery query) {
    validator.check("query", query);
    List<FieldViolation> violations = new ArrayList<>();
    InputNormalizer normalizer = inputs.normalizer();
    String name = normalizer.text("name", query.name(), 200, violations);
    var criteria = new JpaCustomerRepository.SearchCriteria(
        name == null ? null : Customer.searchKey(name),
        normalizer.email("email", query.email(), violations),
        normalizer.phonePrefix("phonePrefix", query.phonePrefix(), violations),
        normalizer.text("tag", query.tag(), 100, violations),
        query.lifecycleStage(),
        normalizer.text("attribute", query.attribute(), 100, violations),
        normalizer.text("attributeValue", query.attributeValue(), 500, violations),
        query.sort(), query.descending(), query.offset(), query.limit(), countLimit);
    CustomerInputs.throwIfAny(violations);
    var result = customers.search(criteria);
    return new CustomerPage(result.customers().stream().map(CustomerMapper::toSummary).toList(), result.total(),
        result.totalCapped(), query.offset(), query.limit());
  }

  @Override
  public CustomerProfile recordConsent(long customerId, ConsentDecision decision) {
    validator.check("decision", decision);
    Customer customer = load(customerId);
    consents.record(customerId, decision, Instant.now());
    return profile(customer);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ConsentDecision> consentHistory(long customerId) {
    load(customerId);
    return consents.history(customerId);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean mayContact(long customerId, ConsentChannel channel, ConsentPurpose purpose) {
    load(customerId);
    return consents.inForce(customerId, channel, purpose).map(d -> d.status() == ConsentStatus.GRANTED)
        .orElse(false);
  }

  @Override
  public CustomerProfile clearAttention(long customerId) {
    Customer customer = load(customerId);
    Instant now = Instant.now();
    if (customer.clearAttention(now)) {
      customers.flush();
      audit.record("customer.attention-cleared", "Customer", customer.id(), "by hand");
      updated.fire(new CustomerUpdated(customer.id(), customer.version(), now));
    }
    return profile(customer);
  }

  private CustomerProfile saveChange(Customer customer, long expectedVersion, String action) {
    Instant now = Instant.now();
    customer.touch(now);
    registrar.syncMatchKeys(customer, CustomerRegistrar.TakenKey.REFUSE);
    try {
      customers.flush();
    } catch (OptimisticLockException e) {
      throw new ConcurrentModificationException("Customer " + customer.id(), expectedVersion, expectedVersion + 1);
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        throw new ConflictException("An email, phone or identity of this change was just taken by another customer", e);
      }
      throw e;
    }
    audit.record(action, "Customer", customer.id(), null);
    updated.fire(new CustomerUpdated(customer.id(), customer.version(), now));
    return profile(customer);
  }

  /** The profile an id stands for: a merged profile resolves to its survivor, an erased one is gone. */
  Customer load(long customerId) {
    long id = customerId;
    for (int hops = 0; hops < 100; hops++) {
      long current = id;
      Customer customer = customers.find(current)
          .orElseThrow(() -> new ResourceNotFoundException("Customer", customerId));
      switch (customer.status()) {
        case ACTIVE -> {
          return customer;
        }
        case MERGED -> id = customer.mergedIntoId();
        case ERASED -> throw new ResourceNotFoundException("Customer", customerId);
      }
    }
    throw new IllegalStateException("Merge chain of customer " + customerId + " does not end");
  }

  /** The profile with exactly this id, which must be active (merging and erasing address rows, not people). */
  Customer active(long customerId) {
    Customer customer = customers.find(customerId)
        .orElseThrow(() -> new ResourceNotFoundException("Customer", customerId));
    if (customer.status() != CustomerStatus.ACTIVE) {
      throw new ConflictException("Customer " + customerId + " is " + customer.status().name().toLowerCase()
          + (customer.mergedIntoId() != null ? " into " + customer.mergedIntoId() : ""));
    }
    return customer;
  }

  CustomerProfile profile(Customer customer) {
    return CustomerMapper.toProfile(customer, consents.inForce(customer.id()));
  }

  static boolean isOptimisticLockFailure(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      // jakarta.persistence's, or EclipseLink's own when it surfaces unwrapped at commit
      if (t instanceof OptimisticLockException || t.getClass().getSimpleName().equals("OptimisticLockException")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The database chose this transaction as a deadlock victim or could not serialize it (SQLState class 40:
   * PostgreSQL 40P01/40001, H2 40001): nothing was written, so the whole attempt may run again.
   */
  static boolean isTransactionRollback(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }

  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}

package org.clientele.crm.api.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * Customers as one profile per person. Available by CDI injection and as the local EJB view
 * {@code java:global/clientele/crm-ejb/CustomerServiceBean!org.clientele.crm.api.customer.CustomerService}.
 *
 * <p>Every method throws {@link org.clientele.crm.api.InvalidInputException} for bad input (with one
 * violation per field) and {@link org.clientele.crm.api.ResourceNotFoundException} for an unknown id.
 */
public interface CustomerService {

  /**
   * Registers a person: matches an existing profile by external identity, then email, then phone (the
   * rules in force are configurable), or creates one. The same person registered twice, or concurrently,
   * yields one profile: database constraints back the matching. A registration that changes nothing of the
   * matched profile keeps its version and fires no {@code CustomerUpdated}.
   *
   * @throws DuplicateIdentityException if the identities given belong to different profiles
   */
  Registration register(@NotNull(message = "is required") @Valid NewCustomer customer);

  /**
   * Registers 1 to 500 people in one transaction, in list order (all or none). Each element is the same
   * identity-resolving upsert as {@link #register}; an element that resolves to a profile an earlier element
   * created or updated updates it again. Like {@code register}, it commits on its own and, after a lost race
   * with a concurrent registration, runs the whole batch again (a bounded number of times).
   *
   * @return one registration per element, in list order; an element's profile is as that element left it
   * @throws org.clientele.crm.api.InvalidInputException naming the element and field, e.g. {@code
   *     customers[3].email}; nothing is stored
   * @throws DuplicateIdentityException if an element's identities belong to different profiles
   */
  List<Registration> registerAll(
      @NotNull(message = "is required")
          @Size(min = 1, max = 500, message = "must have between 1 and 500 customers")
          List<@NotNull @Valid NewCustomer> customers);

  CustomerProfile get(long customerId);

  Optional<CustomerProfile> findByIdentity(@NotNull @Valid ExternalIdentity identity);

  /** By any of the customer's email addresses, compared normalized. */
  Optional<CustomerProfile> findByEmail(@NotNull String email);

  /** By any of the customer's phone numbers, compared in E.164 form. */
  Optional<CustomerProfile> findByPhone(@NotNull String phone);

  /**
   * Replaces the editable fields.
   *
   * @param expectedVersion the version the caller read
   * @throws org.clientele.crm.api.ConcurrentModificationException if the profile changed since
   * @throws org.clientele.crm.api.ConflictException if an email or phone belongs to another profile
   */
  CustomerProfile update(
      long customerId, long expectedVersion, @NotNull(message = "is required") @Valid CustomerUpdate update);

  /** Adds an identity from another system; a no-op if the profile already has it. */
  CustomerProfile addIdentity(long customerId, @NotNull(message = "is required") @Valid ExternalIdentity identity);

  CustomerPage search(@NotNull(message = "is required") @Valid CustomerQuery query);

  /** Records a consent decision; it takes effect only if it is the most recent for its channel and purpose. */
  CustomerProfile recordConsent(long customerId, @NotNull(message = "is required") @Valid ConsentDecision decision);

  /** Every consent decision ever recorded for the customer, newest first. */
  List<ConsentDecision> consentHistory(long customerId);

  /** Whether the customer may be contacted on a channel for a purpose now: the decision in force is GRANTED. */
  boolean mayContact(long customerId, @NotNull ConsentChannel channel, @NotNull ConsentPurpose purpose);

  /**
   * Clears the customer's attention flag (negative feedback or churn risk sets it; finishing the follow-ups
   * that raised it clears it too).
   */
  CustomerProfile clearAttention(long customerId);
}

package org.clientele.crm.camel.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.Registration;
import org.clientele.crm.api.integration.InboundLedger;

/**
 * Applies a mapped customer master at most once: the ledger entry and the registration share one transaction,
 * so a failed registration rolls the ledger entry back and a redelivery or replay tries again.
 *
 * <p>{@code CustomerService.register} commits its own attempts (it retries lost races on unique keys), so the
 * registration may commit while this transaction then fails to (or the server dies in between); the redelivery
 * then registers once more, which is harmless because a registration is an upsert by the ERP identity, and one
 * that changes nothing writes nothing and fires no event (so the ERP outbox gets no second
 * {@code customer.changed}: CrashRecoveryIT). What can never happen is the reverse: a ledger entry without the
 * registration.
 */
@ApplicationScoped
public class ErpCustomerApplier {

  /** The ledger's system and message type of these messages. */
  public static final String SYSTEM = "erp";
  public static final String MESSAGE_TYPE = "customer.master";

  @Inject InboundLedger ledger;
  @Inject CustomerService customers;

  /**
   * @return the registration, or empty when the message was applied before (a duplicate)
   * @throws org.clientele.crm.api.ConflictException when a concurrent twin holds the key (redeliver)
   * @throws org.clientele.crm.api.InvalidInputException when the CRM refuses the record (nothing is applied)
   */
  @Transactional
  public Optional<Registration> apply(CustomerMaster message) {
    if (!ledger.markApplied(SYSTEM, message.messageId(), MESSAGE_TYPE)) {
      return Optional.empty();
    }
    return Optional.of(customers.register(message.customer()));
  }
}

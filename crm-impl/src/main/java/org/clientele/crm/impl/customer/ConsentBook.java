package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.events.ConsentChanged;
import org.clientele.crm.impl.audit.AuditLog;

/** The consent history of customers, and the decisions in force. */
@ApplicationScoped
public class ConsentBook {

  @Inject JpaCustomerRepository customers;

  @Inject AuditLog audit;

  @Inject Event<ConsentChanged> changed;

  /**
   * Appends a decision to the history. Fires {@link ConsentChanged} only when it becomes the decision in
   * force: an older decision that arrives late is kept but changes nothing. A renewed decision with the same
   * status fires too: its time matters downstream (an opt-in newer than an unsubscribe on an email platform
   * subscribes again, docs/integration/mailchimp.md).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(long customerId, ConsentDecision decision, Instant now) {
    Optional<ConsentDecision> before = inForce(customerId, decision.channel(), decision.purpose());
    customers.storeConsent(new ConsentRecord(customerId, decision, now));
    Optional<ConsentDecision> after = ConsentPrecedence.inForce(
        before.map(b -> List.of(b, decision)).orElse(List.of(decision)));
    boolean takesEffect = after.isPresent() && after.get() == decision;
    audit.record(AUDIT_ACTION, "Customer", customerId, auditDetail(decision, takesEffect));
    if (takesEffect) {
      changed.fire(changeOf(customerId, decision));
    }
  }

  /** The audit action of a recorded decision, with {@link #auditDetail}. */
  static final String AUDIT_ACTION = "consent.recorded";

  static String auditDetail(ConsentDecision decision, boolean takesEffect) {
    return decision.channel() + "/" + decision.purpose() + "=" + decision.status()
        + (takesEffect ? "" : " (older: history only)");
  }

  static ConsentChanged changeOf(long customerId, ConsentDecision decision) {
    return new ConsentChanged(customerId, decision.channel(), decision.purpose(), decision.status(),
        decision.decidedAt());
  }

  /**
   * The first half of {@link #record} for a batch that keeps its customers' histories in memory ({@code history}
   * is this customer's whole history, appended to here): whether the decision takes effect. Nothing is read or
   * written; {@link #storeKnown} writes it once the customer has its id.
   */
  boolean decideKnown(ConsentDecision decision, List<ConsentDecision> history) {
    Optional<ConsentDecision> before = ConsentPrecedence.inForce(history.stream()
        .filter(d -> d.channel() == decision.channel() && d.purpose() == decision.purpose()).toList());
    history.add(decision);
    Optional<ConsentDecision> after = ConsentPrecedence.inForce(
        before.map(b -> List.of(b, decision)).orElse(List.of(decision)));
    return after.isPresent() && after.get() == decision;
  }

  public List<ConsentDecision> history(long customerId) {
    return customers.consentsOf(customerId).stream().map(ConsentRecord::toDecision).toList();
  }

  public List<ConsentDecision> inForce(long customerId) {
    return ConsentPrecedence.inForcePerChannelAndPurpose(history(customerId));
  }

  public Optional<ConsentDecision> inForce(long customerId, ConsentChannel channel, ConsentPurpose purpose) {
    return ConsentPrecedence.inForce(
        customers.consentsOf(customerId, channel, purpose).stream().map(ConsentRecord::toDecision).toList());
  }
}

package org.clientele.crm.impl.followup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.clientele.crm.api.followup.FollowUpPriority;
import org.clientele.crm.api.followup.FollowUpReason;
import org.clientele.crm.api.followup.events.FollowUpCreated;
import org.clientele.crm.impl.audit.AuditLog;
import org.clientele.crm.impl.customer.CustomerResolver;

/**
 * Creates the follow-ups rules call for, each at most once: the rule key (e.g. {@code feedback:42}) is
 * unique in the database, so a rule that fires twice, or on two nodes at once, leaves one follow-up.
 */
@ApplicationScoped
public class FollowUpRules {

  @Inject JpaFollowUpRepository followUps;

  @Inject CustomerResolver customers;

  @Inject AuditLog audit;

  @Inject Event<FollowUpCreated> created;

  /** What a rule asks for. */
  public record Request(long customerId, Long conversationId, Long feedbackId, FollowUpReason reason,
      String ruleKey, String title, String details, Instant dueAt, String assignee, FollowUpPriority priority,
      boolean raisesAttention) {}

  /**
   * Creates the follow-up in the caller's transaction unless its rule key exists; flags the customer for
   * attention when asked to. Returns the new follow-up's id, or empty when it existed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Long> createOnce(Request request) {
    if (followUps.findByRuleKey(request.ruleKey()).isPresent()) {
      return Optional.empty();
    }
    FollowUpRecord record = new FollowUpRecord(request.customerId(), request.conversationId(),
        request.feedbackId(), request.reason(), request.ruleKey(), request.title(), request.details(),
        request.dueAt(), request.assignee(), request.priority(), request.raisesAttention(), Instant.now());
    followUps.store(record);
    followUps.flush();
    if (request.raisesAttention()) {
      customers.flagAttention(request.customerId(), request.reason().name());
    }
    audit.record("follow-up.created", "FollowUp", record.id(), request.reason() + " " + request.ruleKey());
    created.fire(new FollowUpCreated(record.id(), request.customerId(), request.conversationId(), request.reason(),
        request.priority(), request.assignee(), request.dueAt()));
    return Optional.of(record.id());
  }

  /** The same in a transaction of its own, for scheduled rules: a twin created elsewhere is not an error. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Long> createOnceAlone(Request request) {
    return createOnce(request);
  }
}

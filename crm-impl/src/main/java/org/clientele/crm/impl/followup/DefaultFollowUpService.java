package org.clientele.crm.impl.followup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.followup.FollowUp;
import org.clientele.crm.api.followup.FollowUpChange;
import org.clientele.crm.api.followup.FollowUpPage;
import org.clientele.crm.api.followup.FollowUpPriority;
import org.clientele.crm.api.followup.FollowUpQuery;
import org.clientele.crm.api.followup.FollowUpReason;
import org.clientele.crm.api.followup.FollowUpService;
import org.clientele.crm.api.followup.FollowUpStatus;
import org.clientele.crm.api.followup.NewFollowUp;
import org.clientele.crm.api.followup.RuleRun;
import org.clientele.crm.api.followup.events.FollowUpCreated;
import org.clientele.crm.impl.analytics.ChurnRiskReader;
import org.clientele.crm.impl.audit.AuditLog;
import org.clientele.crm.impl.conversation.ConversationRecord;
import org.clientele.crm.impl.conversation.JpaConversationRepository;
import org.clientele.crm.impl.customer.CustomerResolver;
import org.clientele.crm.impl.validation.InputValidator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Follow-ups by hand and by rule. */
@ApplicationScoped
@Transactional
public class DefaultFollowUpService implements FollowUpService {

  private static final Logger LOG = Logger.getLogger(DefaultFollowUpService.class.getName());

  /** One rule pass handles at most this many candidates per rule; the next pass takes the rest. */
  static final int RULE_BATCH = 1000;

  @Inject JpaFollowUpRepository followUps;

  @Inject FollowUpRules rules;

  @Inject JpaConversationRepository conversations;

  @Inject ChurnRiskReader churnRisks;

  @Inject CustomerResolver customers;

  @Inject InputValidator validator;

  @Inject AuditLog audit;

  @Inject Event<FollowUpCreated> created;

  @Inject
  @ConfigProperty(name = "crm.followup.waiting.after", defaultValue = "PT24H")
  Duration waitingAfter;

  @Inject
  @ConfigProperty(name = "crm.followup.waiting.due-within", defaultValue = "PT4H")
  Duration waitingDueWithin;

  @Inject
  @ConfigProperty(name = "crm.followup.churn.threshold", defaultValue = "0.8")
  double churnThreshold;

  @Inject
  @ConfigProperty(name = "crm.followup.churn.due-within", defaultValue = "P7D")
  Duration churnDueWithin;

  @Inject
  @ConfigProperty(name = "crm.followup.default-assignee")
  Optional<String> defaultAssignee;

  @Override
  public FollowUp create(NewFollowUp n) {
    validator.check("followUp", n);
    long customerId = customers.resolve(n.customerId());
    if (n.conversationId() != null) {
      ConversationRecord conversation = conversations.find(n.conversationId())
          .orElseThrow(() -> new ResourceNotFoundException("Conversation", n.conversationId()));
      if (conversation.customerId() != customerId) {
        throw new InvalidInputException("conversationId", "belongs to another customer");
      }
    }
    Instant now = Instant.now();
    FollowUpRecord record = new FollowUpRecord(customerId, n.conversationId(), null, FollowUpReason.MANUAL, null,
        n.title().strip(), n.details(), n.dueAt(), blankToNull(n.assignee()), n.priority(), false, now);
    followUps.store(record);
    followUps.flush();
    audit.record("follow-up.created", "FollowUp", record.id(), "MANUAL");
    created.fire(new FollowUpCreated(record.id(), customerId, n.conversationId(), FollowUpReason.MANUAL,
        n.priority(), record.toFollowUp(now).assignee(), n.dueAt()));
    return record.toFollowUp(now);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public FollowUp find(long followUpId) {
    return load(followUpId).toFollowUp(Instant.now());
  }

  @Override
  public FollowUp change(long followUpId, FollowUpChange change, Long expectedVersion) {
    validator.check("change", change);
    FollowUpRecord record = load(followUpId);
    if (expectedVersion != null && expectedVersion != record.version()) {
      throw new ConcurrentModificationException("Follow-up " + followUpId, expectedVersion, record.version());
    }
    Instant now = Instant.now();
    FollowUpStatus before = record.status();
    if (change.status() != null && change.status() != before) {
      if (before.isFinal()) {
        throw new ConflictException("Follow-up " + followUpId + " is " + before + " and cannot become "
            + change.status());
      }
      record.changeStatus(change.status(), now);
    }
    if (change.assignee() != null) {
      record.assign(blankToNull(change.assignee()));
    }
    if (change.dueAt() != null) {
      record.reschedule(change.dueAt());
    }
    if (change.priority() != null) {
      record.prioritize(change.priority());
    }
    followUps.flush();
    audit.record("follow-up.changed", "FollowUp", followUpId,
        change.status() != null && change.status() != before ? before + " -> " + change.status() : "details");
    if (!before.isFinal() && record.status().isFinal() && record.raisesAttention()
        && followUps.openRaisingAttention(record.customerId(), followUpId) == 0) {
      customers.clearAttention(record.customerId(), "follow-up " + followUpId + " " + record.status());
    }
    return record.toFollowUp(now);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public FollowUpPage list(FollowUpQuery query) {
    validator.check("query", query);
    Instant now = Instant.now();
    Long customer = query.customerId() == null ? null : customers.resolve(query.customerId());
    Instant cursorDue = null;
    Long cursorId = null;
    if (query.after() != null) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(query.after()), StandardCharsets.UTF_8)
            .split("\\|");
        cursorDue = Instant.parse(parts[0]);
        cursorId = Long.valueOf(parts[1]);
      } catch (RuntimeException e) {
        throw new InvalidInputException("after", "is not a cursor this service issued");
      }
    }
    List<FollowUpRecord> page = followUps.list(customer, blankToNull(query.assignee()),
        query.overdueOnly() ? List.of(FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS) : query.statuses(),
        query.overdueOnly() ? now : null, cursorDue, cursorId, query.limit());
    String next = null;
    if (page.size() == query.limit()) {
      FollowUpRecord last = page.get(page.size() - 1);
      next = Base64.getUrlEncoder().withoutPadding()
          .encodeToString((last.dueAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }
    return new FollowUpPage(page.stream().map(f -> f.toFollowUp(now)).toList(), next);
  }

  /**
   * Each follow-up commits on its own: a failure or a twin on another node costs one follow-up, not the
   * pass. The rule keys name the episode (the unanswered message, the last order before the silence), so a
   * rule fires again only when a new episode starts.
   */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public RuleRun applyRules() {
    Instant now = Instant.now();
    int waiting = 0;
    for (ConversationRecord c : followUps.waitingWithoutFollowUp(now.minus(waitingAfter), RULE_BATCH)) {
      String assignee = c.assignedAgent() != null ? c.assignedAgent() : defaultAssignee.orElse(null);
      waiting += createQuietly(new FollowUpRules.Request(c.customerId(), c.id(), null,
          FollowUpReason.CONVERSATION_WAITING, "waiting:" + c.id() + ":" + c.waitingSince().toEpochMilli(),
          "Customer waiting for an answer since " + c.waitingSince(), null, now.plus(waitingDueWithin), assignee,
          FollowUpPriority.HIGH, false));
    }
    int churn = 0;
    for (ChurnRiskReader.ChurnRisk risk : churnRisks.atOrAbove(churnThreshold, now, RULE_BATCH)) {
      churn += createQuietly(new FollowUpRules.Request(risk.customerId(), null, null, FollowUpReason.CHURN_RISK,
          "churn:" + risk.customerId() + ":" + risk.lastPurchaseAt().toEpochMilli(),
          String.format(java.util.Locale.ROOT, "Churn risk %.2f: no order for %d days (usually every %.0f days)",
              risk.risk(), risk.daysSinceLastPurchase(), risk.meanDaysBetweenPurchases()),
          null, now.plus(churnDueWithin), defaultAssignee.orElse(null), FollowUpPriority.NORMAL, true));
    }
    return new RuleRun(now, waiting, churn);
  }

  private int createQuietly(FollowUpRules.Request request) {
    try {
      return rules.createOnceAlone(request).isPresent() ? 1 : 0;
    } catch (RuntimeException e) {
      if (customers.isLostRace(e)) {
        return 0;
      }
      LOG.warning("Follow-up rule " + request.ruleKey() + " failed: " + e);
      return 0;
    }
  }

  private FollowUpRecord load(long followUpId) {
    return followUps.find(followUpId).orElseThrow(() -> new ResourceNotFoundException("Follow-up", followUpId));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

package org.clientele.crm.impl.followup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.clientele.crm.api.followup.FollowUp;
import org.clientele.crm.api.followup.FollowUpPriority;
import org.clientele.crm.api.followup.FollowUpReason;
import org.clientele.crm.api.followup.FollowUpStatus;

/** A task to get back to a customer; a rule's follow-up carries a unique rule key. */
@Entity
@Table(name = "crm_follow_up")
public class FollowUpRecord {

  @Id
  @SequenceGenerator(name = "crm_follow_up_seq", sequenceName = "crm_follow_up_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_follow_up_seq")
  private Long id;

  @Column(name = "customer_id", nullable = false)
  private long customerId;

  @Column(name = "conversation_id")
  private Long conversationId;

  @Column(name = "feedback_id")
  private Long feedbackId;

  @Enumerated(EnumType.STRING)
  @Column(name = "reason", nullable = false, length = 30)
  private FollowUpReason reason;

  @Column(name = "rule_key", length = 200)
  private String ruleKey;

  @Column(name = "title", nullable = false, length = 200)
  private String title;

  @Column(name = "details", length = 4000)
  private String details;

  @Column(name = "due_at", nullable = false)
  private Instant dueAt;

  @Column(name = "assignee", length = 100)
  private String assignee;

  @Enumerated(EnumType.STRING)
  @Column(name = "priority", nullable = false, length = 10)
  private FollowUpPriority priority;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 15)
  private FollowUpStatus status;

  @Column(name = "raises_attention", nullable = false)
  private boolean raisesAttention;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "completed_at")
  private Instant completedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected FollowUpRecord() {}

  FollowUpRecord(long customerId, Long conversationId, Long feedbackId, FollowUpReason reason, String ruleKey,
      String title, String details, Instant dueAt, String assignee, FollowUpPriority priority,
      boolean raisesAttention, Instant now) {
    this.customerId = customerId;
    this.conversationId = conversationId;
    this.feedbackId = feedbackId;
    this.reason = reason;
    this.ruleKey = ruleKey;
    this.title = title;
    this.details = details;
    this.dueAt = dueAt;
    this.assignee = assignee;
    this.priority = priority;
    this.status = FollowUpStatus.OPEN;
    this.raisesAttention = raisesAttention;
    this.createdAt = now;
  }

  void changeStatus(FollowUpStatus next, Instant now) {
    status = next;
    completedAt = next.isFinal() ? now : null;
  }

  void assign(String assignee) {
    this.assignee = assignee;
  }

  void reschedule(Instant dueAt) {
    this.dueAt = dueAt;
  }

  void prioritize(FollowUpPriority priority) {
    this.priority = priority;
  }

  void moveTo(long customer) {
    customerId = customer;
  }

  /** Erasure: the texts may quote the person; the task's facts stay. */
  void anonymize() {
    title = "(erased)";
    details = null;
  }

  public Long id() {
    return id;
  }

  public long customerId() {
    return customerId;
  }

  public FollowUpStatus status() {
    return status;
  }

  public boolean raisesAttention() {
    return raisesAttention;
  }

  public long version() {
    return version;
  }

  Instant dueAt() {
    return dueAt;
  }

  public FollowUp toFollowUp(Instant now) {
    return new FollowUp(id, customerId, conversationId, feedbackId, reason, title, details, dueAt, assignee,
        priority, status, createdAt, completedAt, !status.isFinal() && dueAt.isBefore(now), version);
  }
}

package org.clientele.crm.impl.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.clientele.crm.api.feedback.Feedback;
import org.clientele.crm.api.feedback.FeedbackKind;
import org.clientele.crm.api.feedback.NewFeedback;

/** One survey answer; unique per source system and source event id. */
@Entity
@Table(name = "crm_feedback")
public class FeedbackRecord {

  @Id
  @SequenceGenerator(name = "crm_feedback_seq", sequenceName = "crm_feedback_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_feedback_seq")
  private Long id;

  @Column(name = "customer_id", nullable = false)
  private long customerId;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 10)
  private FeedbackKind kind;

  @Column(name = "score", nullable = false)
  private int score;

  @Column(name = "comment_text", length = 4000)
  private String comment;

  @Column(name = "interaction_id")
  private Long interactionId;

  @Column(name = "conversation_id")
  private Long conversationId;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "negative", nullable = false)
  private boolean negative;

  @Column(name = "follow_up_id")
  private Long followUpId;

  @Column(name = "source_system", nullable = false, length = 100)
  private String sourceSystem;

  @Column(name = "source_event_id", nullable = false, length = 200)
  private String sourceEventId;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  protected FeedbackRecord() {}

  FeedbackRecord(long customerId, NewFeedback n, Long conversationId, boolean negative, Instant now) {
    this.customerId = customerId;
    this.kind = n.kind();
    this.score = n.score();
    this.comment = n.comment();
    this.interactionId = n.interactionId();
    this.conversationId = conversationId;
    this.receivedAt = n.receivedAt();
    this.negative = negative;
    this.sourceSystem = n.sourceSystem();
    this.sourceEventId = n.sourceEventId();
    this.recordedAt = now;
  }

  void linkFollowUp(long followUpId) {
    this.followUpId = followUpId;
  }

  void moveTo(long customer) {
    customerId = customer;
  }

  /** Erasure: the comment goes, the score stays for the anonymous NPS/CSAT figures. */
  void anonymize() {
    comment = null;
    sourceEventId = "erased-" + id;
  }

  public Long id() {
    return id;
  }

  public Feedback toFeedback() {
    return new Feedback(id, customerId, kind, score, comment, interactionId, conversationId, receivedAt, negative,
        followUpId, sourceSystem, sourceEventId);
  }
}

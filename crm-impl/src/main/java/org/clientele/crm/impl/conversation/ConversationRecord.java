package org.clientele.crm.impl.conversation;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clientele.crm.api.conversation.Conversation;
import org.clientele.crm.api.conversation.ConversationStatus;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Direction;

/**
 * A matter a customer raised. Its service times follow the touchpoints' own times: the first outbound
 * touchpoint after the opening is the first response; an inbound one leaves the customer waiting until the
 * company answers; a customer reply to a resolved conversation opens it again.
 */
@Entity
@Table(name = "crm_conversation")
public class ConversationRecord {

  @Id
  @SequenceGenerator(name = "crm_conversation_seq", sequenceName = "crm_conversation_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_conversation_seq")
  private Long id;

  @Column(name = "customer_id", nullable = false)
  private long customerId;

  @Column(name = "subject", length = 300)
  private String subject;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private ConversationStatus status;

  @Column(name = "assigned_agent", length = 100)
  private String assignedAgent;

  @Column(name = "assigned_team", length = 100)
  private String assignedTeam;

  @Column(name = "channels", nullable = false, length = 200)
  private String channels;

  @Column(name = "opened_at", nullable = false)
  private Instant openedAt;

  @Column(name = "first_response_at")
  private Instant firstResponseAt;

  @Column(name = "last_response_at")
  private Instant lastResponseAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "last_activity_at", nullable = false)
  private Instant lastActivityAt;

  @Column(name = "waiting_since")
  private Instant waitingSince;

  @Column(name = "interaction_count", nullable = false)
  private int interactionCount;

  @Column(name = "reopen_count", nullable = false)
  private int reopenCount;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected ConversationRecord() {}

  /** Opened by its first touchpoint, which {@link #join} then counts. */
  ConversationRecord(long customerId, String subject, Channel channel, Instant openedAt, String agent) {
    this.customerId = customerId;
    this.subject = subject;
    this.status = ConversationStatus.OPEN;
    this.channels = channel.name();
    this.openedAt = openedAt;
    this.lastActivityAt = openedAt;
    this.assignedAgent = agent;
  }

  /**
   * Counts a touchpoint in. Returns true when it opened a resolved conversation again.
   */
  boolean join(Channel channel, Direction direction, Instant at, String subjectIfNone) {
    interactionCount++;
    List<String> used = new ArrayList<>(Arrays.asList(channels.split(",")));
    if (!used.contains(channel.name())) {
      used.add(channel.name());
      channels = String.join(",", used);
    }
    if (subject == null && subjectIfNone != null) {
      subject = subjectIfNone;
    }
    if (at.isAfter(lastActivityAt)) {
      lastActivityAt = at;
    }
    boolean reopened = false;
    switch (direction) {
      case INBOUND -> {
        if (at.isBefore(openedAt)) {
          openedAt = at;
        }
        boolean unanswered = lastResponseAt == null || at.isAfter(lastResponseAt);
        if (unanswered && (waitingSince == null || at.isBefore(waitingSince))) {
          waitingSince = at;
        }
        if (status == ConversationStatus.RESOLVED) {
          status = ConversationStatus.OPEN;
          resolvedAt = null;
          reopenCount++;
          reopened = true;
        } else if (status == ConversationStatus.PENDING) {
          status = ConversationStatus.OPEN;
        }
      }
      case OUTBOUND -> {
        if (!at.isBefore(openedAt) && (firstResponseAt == null || at.isBefore(firstResponseAt))) {
          firstResponseAt = at;
        }
        if (waitingSince != null && !at.isBefore(waitingSince)) {
          waitingSince = null;
        }
        if (lastResponseAt == null || at.isAfter(lastResponseAt)) {
          lastResponseAt = at;
        }
      }
      case INTERNAL -> {
        // notes count as activity but neither wait nor answer
      }
    }
    return reopened;
  }

  void assign(String agent, String team) {
    assignedAgent = agent;
    assignedTeam = team;
  }

  /** Returns true when this change resolved it. */
  boolean changeStatus(ConversationStatus next, Instant at) {
    if (next == status) {
      return false;
    }
    status = next;
    if (next == ConversationStatus.RESOLVED) {
      resolvedAt = at;
      waitingSince = null;
      return true;
    }
    resolvedAt = null;
    return false;
  }

  void moveTo(long customer) {
    customerId = customer;
  }

  /** Erasure: the subject may name the person; times and counts stay for the service KPIs. */
  void anonymize() {
    subject = null;
  }

  public Long id() {
    return id;
  }

  public long customerId() {
    return customerId;
  }

  public ConversationStatus status() {
    return status;
  }

  public Instant openedAt() {
    return openedAt;
  }

  public Instant lastActivityAt() {
    return lastActivityAt;
  }

  public Instant waitingSince() {
    return waitingSince;
  }

  public String assignedAgent() {
    return assignedAgent;
  }

  public String assignedTeam() {
    return assignedTeam;
  }

  public long version() {
    return version;
  }

  public Conversation toConversation() {
    List<Channel> used = Arrays.stream(channels.split(",")).map(Channel::valueOf).toList();
    return new Conversation(id, customerId, subject, status, assignedAgent, assignedTeam, used, openedAt,
        firstResponseAt, firstResponseAt == null ? null : Duration.between(openedAt, firstResponseAt).toSeconds(),
        resolvedAt, resolvedAt == null ? null : Duration.between(openedAt, resolvedAt).toSeconds(),
        lastActivityAt, waitingSince, interactionCount, reopenCount, version);
  }
}

package org.clientele.crm.impl.interaction;

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
import java.util.Map;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Direction;
import org.clientele.crm.api.interaction.Interaction;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.NewInteraction;

/** One recorded touchpoint; unique per source system and source event id. */
@Entity
@Table(name = "crm_interaction")
public class InteractionRecord {

  @Id
  @SequenceGenerator(name = "crm_interaction_seq", sequenceName = "crm_interaction_seq", allocationSize = 500)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_interaction_seq")
  private Long id;

  @Column(name = "customer_id", nullable = false)
  private long customerId;

  @Enumerated(EnumType.STRING)
  @Column(name = "channel", nullable = false, length = 20)
  private Channel channel;

  @Enumerated(EnumType.STRING)
  @Column(name = "interaction_type", nullable = false, length = 30)
  private InteractionType type;

  @Enumerated(EnumType.STRING)
  @Column(name = "direction", nullable = false, length = 10)
  private Direction direction;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "subject", length = 300)
  private String subject;

  @Column(name = "summary", length = 4000)
  private String summary;

  @Column(name = "attributes", length = 30000)
  private String attributes;

  @Column(name = "agent", length = 100)
  private String agent;

  @Column(name = "source_system", nullable = false, length = 100)
  private String sourceSystem;

  @Column(name = "source_event_id", nullable = false, length = 200)
  private String sourceEventId;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  @Column(name = "conversation_id")
  private Long conversationId;

  protected InteractionRecord() {}

  InteractionRecord(long customerId, NewInteraction n, String attributesJson, Long conversationId, Instant now) {
    this.customerId = customerId;
    this.conversationId = conversationId;
    this.channel = n.channel();
    this.type = n.type();
    this.direction = n.direction();
    this.occurredAt = n.occurredAt();
    this.subject = n.subject();
    this.summary = n.summary();
    this.attributes = attributesJson;
    this.agent = n.agent();
    this.sourceSystem = n.sourceSystem();
    this.sourceEventId = n.sourceEventId();
    this.recordedAt = now;
  }

  /** Erasure: free texts go; the source event id too, as some systems build it from an email address. */
  void anonymize() {
    subject = null;
    summary = null;
    attributes = null;
    agent = null;
    sourceEventId = "erased-" + id;
  }

  Long id() {
    return id;
  }

  /** For rows written by {@link JpaInteractionRepository#insertAll}, which takes the id from the sequence. */
  void assignId(long id) {
    this.id = id;
  }

  /**
   * Binds the columns of {@link JpaInteractionRepository#INSERT} after the id, in its order; kept next to the
   * mapping so that a new column is added to both.
   */
  void bindColumns(java.sql.PreparedStatement insert) throws java.sql.SQLException {
    insert.setLong(2, customerId);
    insert.setString(3, channel.name());
    insert.setString(4, type.name());
    insert.setString(5, direction.name());
    insert.setObject(6, org.clientele.crm.impl.persistence.Jdbc.at(occurredAt));
    insert.setString(7, subject);
    insert.setString(8, summary);
    insert.setString(9, attributes);
    insert.setString(10, agent);
    insert.setString(11, sourceSystem);
    insert.setString(12, sourceEventId);
    insert.setObject(13, org.clientele.crm.impl.persistence.Jdbc.at(recordedAt));
    if (conversationId == null) {
      insert.setNull(14, java.sql.Types.BIGINT);
    } else {
      insert.setLong(14, conversationId);
    }
  }

  String sourceSystem() {
    return sourceSystem;
  }

  String sourceEventId() {
    return sourceEventId;
  }

  Instant occurredAt() {
    return occurredAt;
  }

  Interaction toInteraction(Map<String, String> parsedAttributes) {
    return new Interaction(id, customerId, channel, type, direction, occurredAt, subject, summary, parsedAttributes,
        agent, sourceSystem, sourceEventId, recordedAt, conversationId);
  }

  String attributesJson() {
    return attributes;
  }
}

package org.clientele.crm.impl.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audited change. Holds ids and field names, never personal data. */
@Entity
@Table(name = "crm_audit_event")
public class AuditEvent {

  @Id
  @SequenceGenerator(name = "crm_audit_seq", sequenceName = "crm_audit_seq", allocationSize = 500)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_audit_seq")
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "actor", nullable = false, length = 200)
  private String actor;

  @Column(name = "action", nullable = false, length = 50)
  private String action;

  @Column(name = "entity_type", nullable = false, length = 50)
  private String entityType;

  @Column(name = "entity_id", nullable = false, length = 100)
  private String entityId;

  @Column(name = "detail", length = 2000)
  private String detail;

  protected AuditEvent() {}

  AuditEvent(Instant occurredAt, String actor, String action, String entityType, String entityId, String detail) {
    this.occurredAt = occurredAt;
    this.actor = actor;
    this.action = action;
    this.entityType = entityType;
    this.entityId = entityId;
    this.detail = detail;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String actor() {
    return actor;
  }

  public String action() {
    return action;
  }

  public String detail() {
    return detail;
  }
}

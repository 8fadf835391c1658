package org.clientele.crm.impl.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.ConsentStatus;

/** One consent decision as recorded; never changed afterwards. */
@Entity
@Table(name = "crm_consent")
@NamedQuery(
    name = "ConsentRecord.ofCustomer",
    query = "SELECT r FROM ConsentRecord r WHERE r.customerId = :customerId ORDER BY r.decidedAt DESC, r.id DESC")
@NamedQuery(
    name = "ConsentRecord.ofCustomerChannelPurpose",
    query = "SELECT r FROM ConsentRecord r WHERE r.customerId = :customerId AND r.channel = :channel"
        + " AND r.purpose = :purpose ORDER BY r.decidedAt DESC, r.id DESC")
public class ConsentRecord {

  @Id
  @SequenceGenerator(name = "crm_consent_seq", sequenceName = "crm_consent_seq", allocationSize = 500)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_consent_seq")
  private Long id;

  @Column(name = "customer_id", nullable = false)
  private long customerId;

  @Enumerated(EnumType.STRING)
  @Column(name = "channel", nullable = false, length = 10)
  private ConsentChannel channel;

  @Enumerated(EnumType.STRING)
  @Column(name = "purpose", nullable = false, length = 20)
  private ConsentPurpose purpose;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 20)
  private ConsentStatus status;

  @Column(name = "source", nullable = false, length = 100)
  private String source;

  @Column(name = "decided_at", nullable = false)
  private Instant decidedAt;

  @Column(name = "evidence", length = 1000)
  private String evidence;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  protected ConsentRecord() {}

  ConsentRecord(long customerId, ConsentDecision decision, Instant recordedAt) {
    this.customerId = customerId;
    this.channel = decision.channel();
    this.purpose = decision.purpose();
    this.status = decision.status();
    this.source = decision.source();
    this.decidedAt = decision.decidedAt();
    this.evidence = decision.evidence();
    this.recordedAt = recordedAt;
  }

  long customerId() {
    return customerId;
  }

  Instant recordedAt() {
    return recordedAt;
  }

  ConsentDecision toDecision() {
    return new ConsentDecision(channel, purpose, status, source, decidedAt, evidence);
  }
}

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
import java.util.Arrays;
import java.util.List;
import org.clientele.crm.api.customer.DuplicateSuggestion;
import org.clientele.crm.api.customer.SuggestionStatus;

/** A pair of profiles (lower id first) that may be one person. */
@Entity
@Table(name = "crm_duplicate_suggestion")
@NamedQuery(
    name = "DuplicateSuggestionEntity.open",
    query = "SELECT s FROM DuplicateSuggestionEntity s WHERE s.status = org.clientele.crm.api.customer.SuggestionStatus.OPEN"
        + " ORDER BY s.score DESC, s.id")
@NamedQuery(
    name = "DuplicateSuggestionEntity.openForCustomer",
    query = "SELECT s FROM DuplicateSuggestionEntity s WHERE s.status = org.clientele.crm.api.customer.SuggestionStatus.OPEN"
        + " AND (s.customerA = :customer OR s.customerB = :customer) ORDER BY s.score DESC, s.id")
@NamedQuery(
    name = "DuplicateSuggestionEntity.pair",
    query = "SELECT s FROM DuplicateSuggestionEntity s WHERE s.customerA = :a AND s.customerB = :b")
public class DuplicateSuggestionEntity {

  @Id
  @SequenceGenerator(name = "crm_duplicate_seq", sequenceName = "crm_duplicate_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "crm_duplicate_seq")
  private Long id;

  @Column(name = "customer_a", nullable = false)
  private long customerA;

  @Column(name = "customer_b", nullable = false)
  private long customerB;

  @Column(name = "score", nullable = false)
  private int score;

  @Column(name = "reasons", nullable = false, length = 500)
  private String reasons;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private SuggestionStatus status;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "decided_at")
  private Instant decidedAt;

  protected DuplicateSuggestionEntity() {}

  DuplicateSuggestionEntity(long a, long b, int score, List<String> reasons, Instant now) {
    this.customerA = Math.min(a, b);
    this.customerB = Math.max(a, b);
    this.score = score;
    this.reasons = String.join(",", reasons);
    this.status = SuggestionStatus.OPEN;
    this.createdAt = now;
  }

  long customerA() {
    return customerA;
  }

  long customerB() {
    return customerB;
  }

  SuggestionStatus status() {
    return status;
  }

  void decide(SuggestionStatus decision, Instant now) {
    this.status = decision;
    this.decidedAt = now;
  }

  DuplicateSuggestion toSuggestion() {
    return new DuplicateSuggestion(id, customerA, customerB, score, Arrays.asList(reasons.split(",")), status,
        createdAt);
  }
}

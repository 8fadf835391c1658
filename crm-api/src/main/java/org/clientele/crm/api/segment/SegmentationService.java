package org.clientele.crm.api.segment;

import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.FieldViolation;

/**
 * Defines segments and answers who is in them. Dynamic segments are recomputed in full on a schedule and on
 * demand, and the customers touched by a profile, consent, interaction or purchase change are re-evaluated
 * within about a second after that change commits. Entries and exits are announced as
 * {@link org.clientele.crm.api.segment.events.SegmentEntered} and
 * {@link org.clientele.crm.api.segment.events.SegmentExited}. Available by CDI injection and as
 * {@code java:global/clientele/crm-ejb/SegmentationServiceBean!org.clientele.crm.api.segment.SegmentationService}.
 */
public interface SegmentationService {

  /**
   * Stores a segment; a dynamic one is evaluated at once, so it has members when this returns.
   *
   * @throws org.clientele.crm.api.InvalidInputException naming every problem of the definition and its rule
   * @throws org.clientele.crm.api.ConflictException if the key is taken
   */
  Segment define(SegmentDefinition definition);

  /**
   * Changes name, description and rule; a changed rule is evaluated at once.
   *
   * @param expectedVersion the version the caller saw, or null to skip the check
   * @throws org.clientele.crm.api.ConcurrentModificationException if the segment changed since
   */
  Segment update(String key, SegmentChange change, Long expectedVersion);

  /**
   * Deletes a segment with its membership history.
   *
   * @throws org.clientele.crm.api.ConflictException while another segment's rule refers to it
   */
  void delete(String key, Long expectedVersion);

  /** @throws org.clientele.crm.api.ResourceNotFoundException if there is no segment with this key */
  Segment find(String key);

  /** Every segment, by key. */
  List<Segment> list();

  /**
   * The problems of a rule, without storing it; empty when it is valid.
   *
   * @param key the segment the rule is meant for (so that a reference to itself is reported as a cycle), or
   *     null
   */
  List<FieldViolation> validate(String key, SegmentRule rule);

  /**
   * How many customers a rule selects now, with a sample, without storing anything.
   *
   * @param sampleSize 0 to 100
   */
  SegmentPreview preview(SegmentRule rule, int sampleSize);

  /** Recomputes a dynamic segment's membership in full now (a static one is left as it is). */
  SegmentEvaluation evaluate(String key);

  /** Refreshes the RFM and engagement scores, then recomputes every dynamic segment, referenced ones first. */
  List<SegmentEvaluation> evaluateAll();

  /**
   * Current members in customer-id order.
   *
   * @param afterCustomerId the previous page's {@code nextAfter}, or null for the first page
   * @param limit 1 to 1000
   */
  SegmentMemberPage members(String key, Long afterCustomerId, int limit);

  /** Whether the customer is a current member. */
  boolean isMember(String key, long customerId);

  /**
   * The customer's segments: current memberships, or with {@code history} also past ones, latest first.
   * A merged customer's id answers for the survivor.
   */
  List<SegmentMembership> segmentsOf(long customerId, boolean history);

  /**
   * The member count at evenly spaced points from {@code from} to {@code to} (both included).
   *
   * @param points 2 to 500
   */
  List<MemberCount> memberCounts(String key, Instant from, Instant to, int points);

  /**
   * Adds customers to a static segment.
   *
   * @return the customers who entered (those already members are left as they are)
   * @throws org.clientele.crm.api.InvalidInputException for a dynamic segment or an unknown customer
   */
  List<Long> addMembers(String key, List<Long> customerIds);

  /** Removes customers from a static segment; returns those who were members. */
  List<Long> removeMembers(String key, List<Long> customerIds);

  /**
   * Imports a static segment's members from CSV in one transaction: a malformed file changes nothing.
   *
   * @throws org.clientele.crm.api.InvalidInputException naming the malformed lines
   */
  MemberImportResult importMembers(String key, MemberImport memberImport);
}

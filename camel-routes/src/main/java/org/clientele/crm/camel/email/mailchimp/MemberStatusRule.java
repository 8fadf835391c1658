package org.clientele.crm.camel.email.mailchimp;

import java.time.Instant;

/**
 * Which status the CRM may send for a member, from the CRM's email-marketing consent and the member's status as
 * last known from Mailchimp:
 *
 * <ul>
 *   <li>granted → {@code subscribed}, denied or withdrawn → {@code unsubscribed}; no decision (or a pending one)
 *       → no member is created, an existing one gets its profile only ({@code status_if_new: transactional});
 *   <li>the newer decision wins: the status is sent only when the CRM's decision is newer than the member's
 *       status in Mailchimp (so a member who unsubscribed there is subscribed again only by a newer explicit
 *       opt-in), or when the member's status is unknown;
 *   <li>{@code cleaned} (the address bounced) is never changed by the CRM.
 * </ul>
 * Without a status, the PUT updates the profile (merge fields, language) only.
 */
public final class MemberStatusRule {

  public static final String SUBSCRIBED = "subscribed";
  public static final String UNSUBSCRIBED = "unsubscribed";
  public static final String CLEANED = "cleaned";
  public static final String TRANSACTIONAL = "transactional";

  /**
   * @param send false: nothing to send (no consent decision and no member known)
   * @param status the status to send, or null to leave the member's as it is
   * @param statusIfNew the status of a member created by this PUT
   */
  public record Decision(boolean send, String status, String statusIfNew) {
    static final Decision SKIP = new Decision(false, null, null);
  }

  private MemberStatusRule() {}

  /**
   * @param consentStatus the CRM's consent in force (GRANTED, DENIED, PENDING, WITHDRAWN) or null
   * @param decidedAt when it was decided (null without a decision)
   * @param knownStatus the member's Mailchimp status as last known, null if unknown (or no member)
   * @param knownAt when that status began, null if unknown
   * @param memberKnown whether the CRM has synchronised this member before
   */
  public static Decision decide(String consentStatus, Instant decidedAt, String knownStatus, Instant knownAt,
      boolean memberKnown) {
    String wanted = switch (consentStatus == null ? "" : consentStatus) {
      case "GRANTED" -> SUBSCRIBED;
      case "DENIED", "WITHDRAWN" -> UNSUBSCRIBED;
      default -> null;
    };
    if (wanted == null) {
      // no decision: nobody is put on a marketing list without one; a known member's profile stays current
      return memberKnown ? new Decision(true, null, TRANSACTIONAL) : Decision.SKIP;
    }
    if (knownStatus == null) {
      return new Decision(true, wanted, wanted);
    }
    if (CLEANED.equals(knownStatus) || wanted.equals(knownStatus)) {
      return new Decision(true, null, wanted);
    }
    boolean newer = decidedAt != null && knownAt != null && decidedAt.isAfter(knownAt);
    return new Decision(true, newer ? wanted : null, wanted);
  }

  /**
   * The bulk (initial sync) variant: the member's current state in Mailchimp is not read first, so no status is
   * ever sent that could re-subscribe someone.
   *
   * <ul>
   *   <li>granted → {@code status_if_new: subscribed} only: a new member is subscribed, an existing one keeps its
   *       status (an unsubscribed or cleaned member stays so; a newer CRM opt-in goes through the per-member path
   *       with its next change);
   *   <li>denied or withdrawn → {@code status: unsubscribed} too (unsubscribing never mails anyone), except for a
   *       member the CRM knows as cleaned (never changed) or as subscribed in Mailchimp after the decision (the
   *       newer decision wins);
   *   <li>no decision → as {@link #decide}: no member is created, a known one gets its profile only.
   * </ul>
   */
  public static Decision decideBulk(String consentStatus, Instant decidedAt, String knownStatus, Instant knownAt,
      boolean memberKnown) {
    String wanted = switch (consentStatus == null ? "" : consentStatus) {
      case "GRANTED" -> SUBSCRIBED;
      case "DENIED", "WITHDRAWN" -> UNSUBSCRIBED;
      default -> null;
    };
    if (wanted == null) {
      return memberKnown ? new Decision(true, null, TRANSACTIONAL) : Decision.SKIP;
    }
    if (SUBSCRIBED.equals(wanted) || CLEANED.equals(knownStatus)) {
      return new Decision(true, null, wanted);
    }
    boolean olderThanKnown = knownStatus != null && knownAt != null && decidedAt != null
        && !decidedAt.isAfter(knownAt);
    return new Decision(true, olderThanKnown ? null : UNSUBSCRIBED, UNSUBSCRIBED);
  }
}

package org.clientele.crm.api.email;

import java.util.List;

/**
 * A platform's bulk upsert of members, implemented by the platform adapter (the integration routes) and used by
 * the CRM's initial sync, which walks the customers, keeps the checkpoint and records the outcomes. Discovered by
 * CDI; at most one is enabled.
 */
public interface EmailBulkSync {

  /** The platform's name, e.g. {@code mailchimp}. */
  String platform();

  /** Whether the platform is configured and on. */
  boolean enabled();

  /** The configured audience (Mailchimp: the list id). */
  String audience();

  /**
   * Submits the members (one platform batch) and waits for their outcomes, one per member, in any order.
   * Overload answers (429, 5xx) are retried with backoff within; what cannot be done throws, with a reason that
   * carries no personal data.
   *
   * @param pendingBatch the platform's id of this chunk's batch submitted by an earlier run, or null: it is
   *     awaited instead of submitting again
   * @param progress told of the submitted batch; its {@link Progress#alive()} is called while waiting and throws
   *     to stop (cancelled, or the run lost its lease)
   */
  List<Outcome> sync(List<Candidate> members, String pendingBatch, Progress progress);

  /**
   * One customer to sync.
   *
   * @param memberChanged the customer's {@code member.changed} message (as the outbox carries it: email,
   *     language, consent, fields), also the payload of its dead letter if it fails
   * @param known the member the CRM knows on this audience, or null
   */
  record Candidate(long customerId, String memberChanged, EmailMember known) {}

  /**
   * A member's outcome: SYNCED with the member as the platform answered it, FAILED with the platform's reason, or
   * SKIPPED (nothing sent: no consent decision and no member known).
   */
  record Outcome(long customerId, String result, EmailMember member, String reason) {
    public static final String SYNCED = "SYNCED";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";
  }

  /** The sync's side of a running batch. */
  interface Progress {
    /** The batch was submitted: a resumed run awaits it instead of submitting again. */
    void submitted(String batchId);

    /** Throws (any runtime exception) when the run must stop. */
    void alive();
  }
}

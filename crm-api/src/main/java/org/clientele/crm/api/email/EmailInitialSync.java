package org.clientele.crm.api.email;

import java.time.Instant;

/**
 * An initial sync of an email-marketing audience: every customer with an email submitted in bulk, and its
 * progress.
 *
 * @param status RUNNING, COMPLETED, FAILED or CANCELLED (FAILED and CANCELLED can be resumed)
 * @param chunkSize customers per chunk (one platform batch each)
 * @param lastCustomerId the checkpoint: customers up to this id are done (0: none yet)
 * @param considered customers with an email walked so far
 * @param submitted members sent to the platform (considered minus skipped)
 * @param succeeded members the platform accepted (recorded like the per-member path)
 * @param failed members the platform refused (each a dead letter with the platform's detail)
 * @param skipped customers not sent: no email-marketing consent decision and no member known
 * @param batches chunks done (platform batches whose results were recorded)
 * @param totalEstimate customers with an email when the sync began, or null while unknown
 * @param ratePerSecond customers considered per second in the current (or last) run
 * @param startedAt when the current (or last) run began
 * @param lastError the last failure (also after a retry succeeded), or null
 */
public record EmailInitialSync(long id, String platform, String audience, String status, int chunkSize,
    long lastCustomerId, long considered, long submitted, long succeeded, long failed, long skipped, long batches,
    Long totalEstimate, double ratePerSecond, Instant createdAt, Instant startedAt, Instant updatedAt,
    Instant finishedAt, String lastError) {}

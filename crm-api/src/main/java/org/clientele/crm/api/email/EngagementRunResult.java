package org.clientele.crm.api.email;

import java.time.Instant;

/**
 * What one run of the engagement import did.
 *
 * @param recorded activities recorded as new interactions
 * @param duplicates activities recorded before (an overlap or a re-read), or unsubscribes the webhook recorded
 * @param unknown activities of addresses no customer has (skipped)
 * @param errors campaigns or pages the platform refused (4xx), skipped with their checkpoint kept
 * @param error what stopped the run (no personal data), or null
 */
public record EngagementRunResult(Instant startedAt, Instant finishedAt, EngagementRunOutcome outcome, String error,
    int campaigns, long recorded, long duplicates, long unknown, long errors) {}

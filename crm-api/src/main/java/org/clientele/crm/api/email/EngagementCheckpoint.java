package org.clientele.crm.api.email;

import java.time.Instant;

/**
 * Where the engagement import of one campaign stands.
 *
 * @param activitySince the next read of the campaign's activity asks for activity since then (null: all of it)
 * @param sentToDone the campaign's recipients were read completely (each became a send interaction)
 */
public record EngagementCheckpoint(String campaignId, String title, Instant sendTime, Instant activitySince,
    boolean sentToDone, Instant updatedAt) {}

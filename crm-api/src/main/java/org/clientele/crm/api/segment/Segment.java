package org.clientele.crm.api.segment;

import java.time.Instant;

/**
 * A stored segment.
 *
 * @param rule the rule of a dynamic segment; null for a static one
 * @param memberCount its current members
 * @param evaluatedAt when its membership was last brought up to date in full (null before the first time)
 * @param version raised by every change of name, description or rule (not by membership changes)
 */
public record Segment(long id, String key, String name, String description, SegmentKind kind, SegmentRule rule,
    long memberCount, Instant evaluatedAt, long version, Instant createdAt, Instant updatedAt) {}

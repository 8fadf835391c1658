package org.clientele.crm.api.segment.events;

import java.time.Instant;

/** A customer became a member of a segment. */
public record SegmentEntered(long customerId, long segmentId, String segmentKey, Instant at) {}

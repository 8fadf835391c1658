package org.clientele.crm.api.segment.events;

import java.time.Instant;

/** A customer stopped being a member of a segment (the rule no longer selects them, they were removed, merged or erased). */
public record SegmentExited(long customerId, long segmentId, String segmentKey, Instant at) {}

package org.clientele.crm.impl.segment;

import java.time.Instant;
import org.clientele.crm.api.segment.Segment;
import org.clientele.crm.api.segment.SegmentKind;
import org.clientele.crm.api.segment.SegmentRule;

/** A row of crm_segment. {@code changedAt} is the last entry/exit time recorded for the segment. */
record StoredSegment(long id, String key, String name, String description, SegmentKind kind, SegmentRule rule,
    long memberCount, Instant evaluatedAt, Instant changedAt, long version, Instant createdAt, Instant updatedAt) {

  boolean dynamic() {
    return kind == SegmentKind.DYNAMIC;
  }

  Segment toSegment() {
    return new Segment(id, key, name, description, kind, rule, memberCount, evaluatedAt, version, createdAt,
        updatedAt);
  }
}

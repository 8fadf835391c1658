package org.clientele.crm.api.segment;

import java.time.Instant;

/**
 * One period of a customer's membership of a segment.
 *
 * @param leftAt when the membership ended; null while the customer is a member
 */
public record SegmentMembership(long customerId, String segmentKey, String segmentName, Instant enteredAt,
    Instant leftAt) {

  public boolean current() {
    return leftAt == null;
  }
}

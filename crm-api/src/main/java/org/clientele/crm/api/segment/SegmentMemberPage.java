package org.clientele.crm.api.segment;

import java.util.List;

/**
 * Members in customer-id order.
 *
 * @param total the segment's current member count
 * @param nextAfter pass as {@code afterCustomerId} for the next page; null on the last page
 */
public record SegmentMemberPage(List<SegmentMember> items, long total, Long nextAfter) {

  public SegmentMemberPage {
    items = List.copyOf(items);
  }
}

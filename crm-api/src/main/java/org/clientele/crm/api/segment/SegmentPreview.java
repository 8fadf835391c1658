package org.clientele.crm.api.segment;

import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.customer.CustomerSummary;

/**
 * What a rule would select now, without storing anything.
 *
 * @param count how many active customers it selects
 * @param sample some of them, lowest id first
 * @param asOf the evaluation time (relative windows end here)
 */
public record SegmentPreview(long count, List<CustomerSummary> sample, Instant asOf) {

  public SegmentPreview {
    sample = List.copyOf(sample);
  }
}

package org.clientele.crm.api.segment;

import java.time.Instant;
import org.clientele.crm.api.customer.CustomerSummary;

/** A current member of a segment, and since when. */
public record SegmentMember(CustomerSummary customer, Instant enteredAt) {}

package org.clientele.crm.api.segment;

import java.time.Instant;

/**
 * One full recomputation of a segment's membership.
 *
 * @param entered customers who became members
 * @param exited customers who stopped being members
 * @param members the members afterwards
 * @param asOf the evaluation time, also the entry and exit time it recorded
 * @param millis how long it took
 */
public record SegmentEvaluation(String key, long entered, long exited, long members, Instant asOf, long millis) {}

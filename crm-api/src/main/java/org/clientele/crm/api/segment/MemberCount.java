package org.clientele.crm.api.segment;

import java.time.Instant;

/** How many members a segment had at a point in time. */
public record MemberCount(Instant at, long members) {}

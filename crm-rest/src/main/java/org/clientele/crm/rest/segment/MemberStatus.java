package org.clientele.crm.rest.segment;

/** Whether a customer is a current member of a segment. */
public record MemberStatus(String segmentKey, long customerId, boolean member) {}

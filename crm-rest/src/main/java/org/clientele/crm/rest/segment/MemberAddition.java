package org.clientele.crm.rest.segment;

import java.util.List;

/** Customers to add to a static segment ({@code POST /segments/{key}/members}). */
public record MemberAddition(List<Long> customerIds) {}

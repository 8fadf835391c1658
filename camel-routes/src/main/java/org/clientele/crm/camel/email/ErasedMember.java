package org.clientele.crm.camel.email;

/** An erased customer's member: the platform's key only, no email. */
public record ErasedMember(long customerId, String platform, String audience, String memberKey) {}

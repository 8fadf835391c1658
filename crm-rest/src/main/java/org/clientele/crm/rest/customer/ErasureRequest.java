package org.clientele.crm.rest.customer;

/** Body of an erasure request: why (kept in the audit log; no personal data). */
public record ErasureRequest(String reason) {}

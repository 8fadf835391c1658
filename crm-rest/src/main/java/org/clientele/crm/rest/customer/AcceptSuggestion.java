package org.clientele.crm.rest.customer;

/** Body of accepting a duplicate suggestion: which of the two profiles survives. */
public record AcceptSuggestion(Long survivorId) {}

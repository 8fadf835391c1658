package org.clientele.crm.api.customer;

/**
 * The outcome of registering a person.
 *
 * @param created whether a new profile was created
 * @param matchedBy the rule that found the existing profile, or {@code null} when created
 */
public record Registration(CustomerProfile profile, boolean created, MatchRule matchedBy) {}

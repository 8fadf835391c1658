package org.clientele.crm.api.customer;

import java.time.Instant;

/** A search hit: enough to show a list and open the profile. */
public record CustomerSummary(
    long id, String givenName, String familyName, String email, String phone, LifecycleStage lifecycleStage,
    Instant updatedAt) {}

package org.clientele.crm.impl.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clientele.crm.api.customer.Address;
import org.clientele.crm.api.customer.LifecycleStage;

/** Registration or update input after normalization and validation: what the aggregate stores. */
record CustomerDetails(
    List<IdentityKey> identities,
    String givenName,
    String familyName,
    String email,
    String phone,
    LocalDate birthDate,
    String language,
    Address address,
    LifecycleStage lifecycleStage,
    List<StoredContactPoint> contactPoints,
    Set<String> tags,
    Map<String, AttributeValue> attributes) {}

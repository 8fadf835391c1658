package org.clientele.crm.rest.customer;

import java.util.List;

/** Body of a merge: the survivor and the profiles merged into it. */
public record MergeRequest(Long survivorId, List<Long> mergedIds) {}

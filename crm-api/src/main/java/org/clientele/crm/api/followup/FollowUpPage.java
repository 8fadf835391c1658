package org.clientele.crm.api.followup;

import java.util.List;

/** A page of follow-ups; {@code nextCursor} is null on the last page. */
public record FollowUpPage(List<FollowUp> items, String nextCursor) {}

package org.clientele.crm.api.followup;

import java.time.Instant;

/** What one pass of the follow-up rules created (a rule never creates the same follow-up twice). */
public record RuleRun(Instant ranAt, int waitingConversations, int churnRisks) {}

package org.clientele.crm.api.followup;

/**
 * Proactive service: tasks to get back to customers. Available by CDI injection and as
 * {@code java:global/clientele/crm-ejb/FollowUpServiceBean!org.clientele.crm.api.followup.FollowUpService}.
 */
public interface FollowUpService {

  /**
   * @throws org.clientele.crm.api.ResourceNotFoundException if the customer or conversation does not exist
   * @throws org.clientele.crm.api.InvalidInputException if the conversation belongs to someone else
   */
  FollowUp create(NewFollowUp followUp);

  FollowUp find(long followUpId);

  /**
   * @param expectedVersion the version the caller saw, or null to skip the check
   * @throws org.clientele.crm.api.ConflictException when leaving a final status
   */
  FollowUp change(long followUpId, FollowUpChange change, Long expectedVersion);

  FollowUpPage list(FollowUpQuery query);

  /**
   * Runs the scheduled rules once: conversations waiting longer than allowed, and customers whose churn
   * risk crossed the threshold. Safe to run on several nodes at once.
   */
  RuleRun applyRules();
}

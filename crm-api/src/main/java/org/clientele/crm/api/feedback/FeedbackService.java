package org.clientele.crm.api.feedback;

import java.util.List;

/**
 * The feedback loop. Negative feedback (thresholds in {@code crm.feedback.negative.*}) creates a follow-up
 * and flags the customer for attention in the same transaction. Available by CDI injection and as
 * {@code java:global/clientele/crm-ejb/FeedbackServiceBean!org.clientele.crm.api.feedback.FeedbackService}.
 */
public interface FeedbackService {

  /**
   * @throws org.clientele.crm.api.InvalidInputException if the score is off the kind's scale, or the
   *     interaction or conversation belongs to another customer
   * @throws org.clientele.crm.api.ResourceNotFoundException if the customer, interaction or conversation
   *     does not exist
   */
  FeedbackRecording record(NewFeedback feedback);

  /** The customer's feedback, newest first (at most {@code limit}, 1 to 500). */
  List<Feedback> list(long customerId, int limit);
}

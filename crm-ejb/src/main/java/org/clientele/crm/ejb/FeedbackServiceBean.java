package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import org.clientele.crm.api.feedback.Feedback;
import org.clientele.crm.api.feedback.FeedbackRecording;
import org.clientele.crm.api.feedback.FeedbackService;
import org.clientele.crm.api.feedback.NewFeedback;

/** {@code java:global/clientele/crm-ejb/FeedbackServiceBean!org.clientele.crm.api.feedback.FeedbackService} */
@Stateless
@Local(FeedbackService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FeedbackServiceBean implements FeedbackService {

  @Inject FeedbackService delegate;

  @Override
  public FeedbackRecording record(NewFeedback feedback) {
    return delegate.record(feedback);
  }

  @Override
  public List<Feedback> list(long customerId, int limit) {
    return delegate.list(customerId, limit);
  }
}

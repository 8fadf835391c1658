package org.clientele.crm.impl.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.clientele.crm.api.conversation.events.ConversationOpened;
import org.clientele.crm.api.conversation.events.ConversationResolved;
import org.clientele.crm.api.feedback.events.FeedbackReceived;
import org.clientele.crm.api.followup.events.FollowUpCreated;
import org.clientele.crm.api.interaction.events.InteractionRecorded;
import org.clientele.crm.api.purchase.events.PurchaseRecorded;
import org.clientele.crm.api.purchase.events.PurchaseRefunded;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Counts engagement events once their transaction committed ({@code crm_engagement_events_total{event=...}}):
 * touchpoints, purchases, feedback (negative apart), follow-ups by reason, conversations opened and resolved.
 */
@ApplicationScoped
public class EngagementEventMetrics {

  static final String NAME = "crm.engagement.events";

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  void interaction(@Observes(during = TransactionPhase.AFTER_SUCCESS) InteractionRecorded event) {
    count("interaction-recorded");
  }

  void purchase(@Observes(during = TransactionPhase.AFTER_SUCCESS) PurchaseRecorded event) {
    count("purchase-recorded");
  }

  void refund(@Observes(during = TransactionPhase.AFTER_SUCCESS) PurchaseRefunded event) {
    count("purchase-refunded");
  }

  void feedback(@Observes(during = TransactionPhase.AFTER_SUCCESS) FeedbackReceived event) {
    count(event.negative() ? "feedback-negative" : "feedback-received");
  }

  void followUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) FollowUpCreated event) {
    count("follow-up-created-" + event.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
  }

  void opened(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConversationOpened event) {
    count(event.reopened() ? "conversation-reopened" : "conversation-opened");
  }

  void resolved(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConversationResolved event) {
    count("conversation-resolved");
  }

  /** One look-up per kind of event, not per event: a batch of 500 touchpoints counts 500 times. */
  private final java.util.concurrent.ConcurrentMap<String, org.eclipse.microprofile.metrics.Counter> counters =
      new java.util.concurrent.ConcurrentHashMap<>();

  private void count(String event) {
    counters.computeIfAbsent(event, e -> registry.counter(NAME, new Tag("event", e))).inc();
  }
}

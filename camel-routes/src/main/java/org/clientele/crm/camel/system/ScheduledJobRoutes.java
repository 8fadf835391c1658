package org.clientele.crm.camel.system;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.analytics.AnalyticsService;
import org.clientele.crm.api.analytics.PredictionSettings;
import org.clientele.crm.api.followup.FollowUpService;

/**
 * The CRM's scheduled jobs as timer routes, so that operators see, start and stop them like every other
 * route: {@code system-follow-up-rules} applies the follow-up rules (safe on every node: a rule's follow-up
 * is unique), {@code system-prediction-run} refits the purchase predictions (off by default; enable it on one
 * node).
 */
@Dependent
public class ScheduledJobRoutes extends RouteBuilder {

  public static final String FOLLOW_UP_RULES_ROUTE = "system-follow-up-rules";
  public static final String PREDICTION_RUN_ROUTE = "system-prediction-run";

  private final FollowUpService followUps;
  private final AnalyticsService analytics;

  @Inject
  public ScheduledJobRoutes(FollowUpService followUps, AnalyticsService analytics) {
    this.followUps = followUps;
    this.analytics = analytics;
  }

  @Override
  public void configure() {
    from("timer:crm-follow-up-rules?period={{crm.followup.rules.period}}&delay={{crm.followup.rules.period}}")
        .routeId(FOLLOW_UP_RULES_ROUTE)
        .autoStartup("{{crm.followup.rules.enabled}}")
        .process(exchange -> exchange.getMessage().setBody(followUps.applyRules()));

    from("timer:crm-prediction-run?period={{crm.prediction.schedule.period}}"
            + "&delay={{crm.prediction.schedule.period}}")
        .routeId(PREDICTION_RUN_ROUTE)
        .autoStartup("{{crm.prediction.schedule.enabled}}")
        .process(exchange -> exchange.getMessage().setBody(
            analytics.runPredictions(new PredictionSettings(null, null, null, null))));
  }
}

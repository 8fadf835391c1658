package org.clientele.crm.camel.system;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.analytics.AnalyticsService;
import org.clientele.crm.api.analytics.PredictionSettings;
import org.clientele.crm.api.followup.FollowUpService;
import org.clientele.crm.api.system.Leadership;
import org.clientele.crm.camel.support.LeaderRoutePolicy;

/**
 * The CRM's scheduled jobs as timer routes, so that operators see, start and stop them like every other
 * route: {@code system-follow-up-rules} applies the follow-up rules, {@code system-prediction-run} refits the
 * purchase predictions (off by default). Each runs only on the server that holds its leader lease
 * ({@link LeaderRoutePolicy}; the follow-up rules would also be safe on every server, a rule's follow-up being
 * unique, but would do the same work twice).
 */
@Dependent
public class ScheduledJobRoutes extends RouteBuilder {

  public static final String FOLLOW_UP_RULES_ROUTE = "system-follow-up-rules";
  public static final String PREDICTION_RUN_ROUTE = "system-prediction-run";
  public static final String FOLLOW_UP_RULES_LEASE = "follow-up-rules";
  public static final String PREDICTION_RUN_LEASE = "prediction-run";

  private final FollowUpService followUps;
  private final AnalyticsService analytics;
  private final Leadership leadership;

  @Inject
  public ScheduledJobRoutes(FollowUpService followUps, AnalyticsService analytics, Leadership leadership) {
    this.followUps = followUps;
    this.analytics = analytics;
    this.leadership = leadership;
  }

  @Override
  public void configure() {
    from("timer:crm-follow-up-rules?period={{crm.followup.rules.period}}&delay={{crm.followup.rules.period}}")
        .routeId(FOLLOW_UP_RULES_ROUTE)
        .autoStartup("{{crm.followup.rules.enabled}}")
        .routePolicy(new LeaderRoutePolicy(leadership, FOLLOW_UP_RULES_LEASE))
        .process(exchange -> exchange.getMessage().setBody(followUps.applyRules()));

    from("timer:crm-prediction-run?period={{crm.prediction.schedule.period}}"
            + "&delay={{crm.prediction.schedule.period}}")
        .routeId(PREDICTION_RUN_ROUTE)
        .autoStartup("{{crm.prediction.schedule.enabled}}")
        .routePolicy(new LeaderRoutePolicy(leadership, PREDICTION_RUN_LEASE))
        .process(exchange -> exchange.getMessage().setBody(
            analytics.runPredictions(new PredictionSettings(null, null, null, null))));
  }
}

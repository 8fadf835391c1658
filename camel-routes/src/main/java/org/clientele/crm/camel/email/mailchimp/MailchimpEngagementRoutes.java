package org.clientele.crm.camel.email.mailchimp;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.camel.builder.RouteBuilder;
import org.clientele.crm.api.email.EngagementImportService;
import org.clientele.crm.api.email.EngagementRunResult;
import org.clientele.crm.api.interaction.InteractionService;
import org.eclipse.microprofile.config.Config;

/**
 * {@code email-engagement-import}: every {@code crm.email.mailchimp.engagement.tick} the timer asks the importer
 * whether a run is due (the period passed, a backoff ended, or an operator asked) and runs it on the timer's
 * thread, so runs of one server never overlap; with several servers, only the holder of the lease of that name runs it. Present when {@code crm.email.mailchimp.enabled} and
 * {@code crm.email.mailchimp.engagement.enabled} (default true). A run executes in the application's context
 * (captured at configuration). Uses the shared Mailchimp client (its connection
 * cap). A timer route like the other scheduled jobs ({@code system-*}): operators see, stop and start it with the
 * routes. See docs/integration/mailchimp.md#engagement-import.
 */
@Dependent
public class MailchimpEngagementRoutes extends RouteBuilder {

  public static final String ROUTE = "email-engagement-import";

  private final Config config;
  private final EngagementImportService imports;
  private final InteractionService interactions;
  private final MailchimpConnections connections;

  /**
   * Camel's timer thread carries no application component context, which the CRM's services need (Bean Validation,
   * JPA converters): each run executes within the context captured when the route is configured (at start-up).
   */
  @Resource ContextService contexts;

  /** With several servers on one database, only the holder of the lease {@value #ROUTE} imports (docs/cluster.md). */
  @Inject org.clientele.crm.api.system.Leadership leadership;

  @Inject
  public MailchimpEngagementRoutes(Config config, EngagementImportService imports, InteractionService interactions,
      MailchimpConnections connections) {
    this.config = config;
    this.imports = imports;
    this.interactions = interactions;
    this.connections = connections;
  }

  @Override
  public void configure() {
    boolean enabled = config.getOptionalValue(MailchimpSettings.PREFIX + "enabled", Boolean.class).orElse(false);
    if (!enabled) {
      return;
    }
    EngagementSettings engagement = EngagementSettings.from(key -> config.getOptionalValue(key, String.class));
    if (!engagement.enabled()) {
      return;
    }
    MailchimpSettings settings = MailchimpSettings.from(key -> config.getOptionalValue(key, String.class));
    MailchimpEngagementImporter importer = new MailchimpEngagementImporter(settings, engagement,
        connections.client(settings), imports, interactions, Clock.systemUTC());
    ContextService context = contexts != null ? contexts : defaultContextService();
    java.util.concurrent.Callable<EngagementRunResult> run = context == null ? importer::runIfDue
        : context.contextualCallable(importer::runIfDue);
    long tick = Math.max(1, engagement.tick().toMillis());
    var route = from("timer:" + ROUTE + "?period=" + tick + "&delay=" + tick).routeId(ROUTE);
    if (leadership != null) {
      route.routePolicy(new org.clientele.crm.camel.support.LeaderRoutePolicy(leadership, ROUTE));
    }
    route
        // the importer settles every failure itself (run outcome, backoff, counts); nothing for Camel to redeliver
        .errorHandler(noErrorHandler())
        .process(exchange -> exchange.getMessage().setBody(run.call()));
  }

  /** Outside a container (unit tests) there is none: runs then go on the timer's thread as they are. */
  private static ContextService defaultContextService() {
    try {
      return (ContextService) new javax.naming.InitialContext().lookup("java:comp/DefaultContextService");
    } catch (javax.naming.NamingException | RuntimeException e) {
      return null;
    }
  }
}

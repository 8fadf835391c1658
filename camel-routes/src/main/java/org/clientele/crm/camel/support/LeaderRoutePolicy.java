package org.clientele.crm.camel.support;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.clientele.crm.api.system.Leadership;

/**
 * Runs a route's consumer (a timer, a poller) only on the server that holds a leader lease: the consumer is stopped
 * while another server holds it and started within a check period of this server taking it over. The route itself
 * stays Started (health counts it as running), and a route disabled by configuration is never started by the policy.
 * One line in a route:
 *
 * <pre>{@code
 * from("timer:...").routeId("email-engagement-import")
 *     .routePolicy(new LeaderRoutePolicy(leadership, "email-engagement-import"))
 * }</pre>
 *
 * One instance per route (it keeps its route).
 */
public final class LeaderRoutePolicy extends RoutePolicySupport {

  private static final Logger LOG = Logger.getLogger(LeaderRoutePolicy.class.getName());
  /** How often the policy looks at the lease (in memory: cheap). */
  static final long CHECK_MILLIS = 500;

  private final Leadership leadership;
  private final String lease;
  private volatile Route route;
  private volatile boolean routeStarted;
  private boolean consumerRunning;
  private ScheduledExecutorService checker;

  public LeaderRoutePolicy(Leadership leadership, String lease) {
    this.leadership = leadership;
    this.lease = lease;
  }

  public String lease() {
    return lease;
  }

  @Override
  public void onInit(Route route) {
    this.route = route;
  }

  @Override
  public synchronized void onStart(Route route) {
    this.route = route;
    routeStarted = true;
    consumerRunning = true; // the route has just started it
    if (checker == null) {
      checker = route.getCamelContext().getExecutorServiceManager()
          .newSingleThreadScheduledExecutor(this, "leader-" + route.getRouteId());
      checker.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }
    check();
  }

  @Override
  public synchronized void onStop(Route route) {
    routeStarted = false;
    consumerRunning = false;
  }

  @Override
  public synchronized void onSuspend(Route route) {
    routeStarted = false;
    consumerRunning = false;
  }

  @Override
  public synchronized void onResume(Route route) {
    onStart(route);
  }

  @Override
  public synchronized void onRemove(Route route) {
    routeStarted = false;
    if (checker != null) {
      route.getCamelContext().getExecutorServiceManager().shutdownNow(checker);
      checker = null;
    }
  }

  /** Starts or stops the consumer to match the lease. */
  synchronized void check() {
    Route r = route;
    if (r == null || !routeStarted) {
      return;
    }
    boolean leader;
    try {
      leader = leadership.isLeader(lease);
    } catch (RuntimeException e) {
      leader = false;
      LOG.log(Level.WARNING, "Lease " + lease + " unknown; route " + r.getRouteId() + " paused", e);
    }
    try {
      if (leader && !consumerRunning) {
        startConsumer(r.getConsumer());
        consumerRunning = true;
        LOG.info(() -> "Route " + r.getRouteId() + " runs here: this server holds lease " + lease);
      } else if (!leader && consumerRunning) {
        stopConsumer(r.getConsumer());
        consumerRunning = false;
        LOG.info(() -> "Route " + r.getRouteId() + " waits: this server does not hold lease " + lease);
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Route " + r.getRouteId() + " could not follow lease " + lease, e);
    }
  }

  /** Whether the consumer runs here (tests, status). */
  public synchronized boolean consuming() {
    return routeStarted && consumerRunning;
  }
}

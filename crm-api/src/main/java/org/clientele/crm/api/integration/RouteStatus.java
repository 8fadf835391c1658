package org.clientele.crm.api.integration;

/**
 * One route of the integration runtime.
 *
 * @param id the route id, {@code <system>-<flow>}
 * @param state Started, Stopped, Suspended, ...
 * @param enabled whether configuration enables the flow; a disabled route is stopped on purpose
 * @param source where the route was defined: a Java source location for built-in routes, {@code file:<name>}
 *     for routes loaded from a route file
 * @param exchangesTotal exchanges the route has completed or failed since it started
 * @param exchangesFailed exchanges that ended in failure
 */
public record RouteStatus(
    String id, String state, boolean enabled, String source, long exchangesTotal, long exchangesFailed) {

  /** A route counts as healthy when it runs, or when configuration stopped it on purpose. */
  public boolean healthy() {
    return !enabled || "Started".equals(state);
  }
}

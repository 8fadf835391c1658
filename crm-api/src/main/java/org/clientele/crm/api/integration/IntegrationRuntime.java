package org.clientele.crm.api.integration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The integration runtime (Apache Camel in this implementation) as operators and the REST API see it. */
public interface IntegrationRuntime {

  /** Whether the runtime has started and is serving routes. */
  boolean isStarted();

  /** Every route the runtime knows, with its state, sorted by id. */
  List<RouteStatus> routes();

  /**
   * Sends a ping through the runtime's {@code system-ping} route and returns its answer: proves that
   * messages flow through the integration runtime, not only that it is up.
   */
  PingReply ping(@NotNull @Valid PingRequest request);
}

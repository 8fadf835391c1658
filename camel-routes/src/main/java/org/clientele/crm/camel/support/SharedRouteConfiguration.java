package org.clientele.crm.camel.support;

import jakarta.enterprise.context.Dependent;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * Error handling and correlation shared by every route. A route configuration without an id applies to
 * every route, including those loaded from YAML files, so edited routes inherit the same behaviour.
 *
 * <p>Failures are logged with route and correlation id but never with the message body, which may hold
 * personal data; the exception still reaches the caller, so synchronous callers see the error.
 */
@Dependent
public class SharedRouteConfiguration extends RouteConfigurationBuilder {

  @Override
  public void configuration() {
    RouteConfigurationDefinition shared = routeConfiguration();
    shared.interceptFrom().process(CorrelationIds::ensure);
    shared.onException(Exception.class)
        .log(LoggingLevel.WARN, "org.clientele.crm.camel",
            "Route ${routeId} failed (correlation ${header." + CorrelationIds.HEADER + "}): "
                + "${exception.class.simpleName}");
  }
}

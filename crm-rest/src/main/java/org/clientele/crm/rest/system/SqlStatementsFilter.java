package org.clientele.crm.rest.system;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.clientele.crm.api.system.SqlStatementCounter;

/**
 * With {@code crm.diagnostics.sql-statements=true}, reports how many SQL statements each API request executed:
 * response headers {@value #HEADER} (the number) and {@code Server-Timing: sql;desc="<n> statements"} (shown by
 * browsers' developer tools), and the histogram {@code crm_sql_statements_per_request{operation=<resource method>}}.
 * Counting starts before the other filters and ends after them, once the resource method has answered (the JSON
 * written afterwards comes from records and reads nothing). Disabled, the filter adds nothing.
 */
@Provider
@Priority(1)
public class SqlStatementsFilter implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String HEADER = "X-Crm-Sql-Statements";

  private static final String PROPERTY = SqlStatementsFilter.class.getName();

  @Inject SqlStatementCounter counter;

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    if (counter.enabled()) {
      request.setProperty(PROPERTY, counter.start());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(PROPERTY) instanceof SqlStatementCounter.Measurement measurement)) {
      return;
    }
    request.removeProperty(PROPERTY);
    long statements = measurement.finish(operation());
    response.getHeaders().putSingle(HEADER, Long.toString(statements));
    response.getHeaders().add("Server-Timing", "sql;desc=\"" + statements + " statements\"");
  }

  /** The resource method's name: a fixed, small set of values for the metric's tag. */
  private String operation() {
    if (resource == null || resource.getResourceMethod() == null) {
      return "unmatched";
    }
    return resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
  }
}

package org.clientele.crm.rest.integration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.clientele.crm.api.integration.IntegrationRuntime;
import org.clientele.crm.api.integration.Outbox;
import org.clientele.crm.api.integration.OutboxStatus;
import org.clientele.crm.api.integration.PingReply;
import org.clientele.crm.api.integration.PingRequest;
import org.clientele.crm.api.integration.RouteFileStatus;
import org.clientele.crm.api.integration.RouteStatus;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/integration")
@RequestScoped
@Tag(name = "Integration", description = "The integration runtime and its routes")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationResource {

  @Inject IntegrationRuntime runtime;

  @Inject Outbox outbox;

  @GET
  @Path("/outbox")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Messages waiting in the outbox per target, with the oldest one's time (the delivery lag)")
  public List<OutboxStatus> outbox() {
    return outbox.status();
  }

  @GET
  @Path("/routes")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Every route with its state, whether configuration enables it, and its counters")
  public List<RouteStatus> routes() {
    return runtime.routes();
  }

  @GET
  @Path("/route-files")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "The route files (*.camel.yaml) of the route directory as last read: LOADED with their "
      + "route ids, or FAILED with the error and its line")
  public List<RouteFileStatus> routeFiles() {
    return runtime.routeFiles();
  }

  @POST
  @Path("/routes/reload")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Read the route directory again: remove routes of removed or changed files (built-in routes "
      + "they replaced come back), load new and changed files, report broken ones; other routes keep running",
      description = "Answers 200 with every route file, also when some failed: a broken file is a state, shown here "
          + "and in /health/ready, not an error of this request.")
  public List<RouteFileStatus> reloadRoutes() {
    return runtime.reloadRouteFiles();
  }

  @POST
  @Path("/ping")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Send a message through the integration runtime's system-ping route and get it back")
  public PingReply ping(@NotNull(message = "a JSON body is required") @Valid PingRequest request) {
    return runtime.ping(request);
  }
}

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
import org.clientele.crm.api.integration.PingReply;
import org.clientele.crm.api.integration.PingRequest;
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

  @GET
  @Path("/routes")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Every route with its state, whether configuration enables it, and its counters")
  public List<RouteStatus> routes() {
    return runtime.routes();
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

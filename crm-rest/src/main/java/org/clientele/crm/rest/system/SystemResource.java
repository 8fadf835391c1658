package org.clientele.crm.rest.system;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.clientele.crm.api.system.LeaseStatus;
import org.clientele.crm.api.system.Leadership;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.api.system.SystemStatus;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/system")
@RequestScoped
@Tag(name = "System", description = "The running CRM")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

  @Inject SystemService system;

  @Inject Leadership leadership;

  @GET
  @Path("/status")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Version, database, schema version and the nodes sharing the database")
  public SystemStatus status() {
    return system.status();
  }

  @GET
  @Path("/leases")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "The leader leases: which server runs which once-per-cluster job, with epoch and expiry")
  public List<LeaseStatus> leases() {
    return leadership.leases();
  }
}

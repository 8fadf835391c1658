package org.clientele.crm.rest.interaction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.interaction.InteractionService;
import org.clientele.crm.api.interaction.NewInteraction;
import org.clientele.crm.api.interaction.Recorded;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recording touchpoints. The timeline is {@code GET /customers/{id}/timeline}. */
@Path("/interactions")
@RequestScoped
@Tag(name = "Interactions", description = "Touchpoints on every channel")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InteractionResource {

  @Inject InteractionService interactions;

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Record a touchpoint once per source event",
      description = "201 when recorded, 200 when the same source event was recorded before.")
  public Response record(NewInteraction interaction) {
    if (interaction == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    Recorded recorded = interactions.record(interaction);
    return Response.status(recorded.created() ? Response.Status.CREATED : Response.Status.OK).entity(recorded).build();
  }

  @POST
  @Path("/batch")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Record up to 500 touchpoints in one transaction, each once per source event")
  public List<Recorded> recordAll(List<NewInteraction> batch) {
    if (batch == null) {
      throw new InvalidInputException("body", "a JSON array is required");
    }
    return interactions.recordAll(batch);
  }
}

package org.clientele.crm.rest.interaction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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
import org.clientele.crm.rest.Batches;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
  @APIResponse(responseCode = "200", description = "One result per element, in order",
      content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(type = SchemaType.ARRAY, implementation = Recorded.class)))
  @APIResponse(responseCode = "204", description = "Written; the request sent Prefer: return=minimal")
  public Response recordAll(
      @Parameter(description = "return=minimal: answer 204 without the results")
      @HeaderParam("Prefer") List<String> prefer,
      List<NewInteraction> batch) {
    return Batches.write(prefer, batch, interactions::recordAll);
  }
}

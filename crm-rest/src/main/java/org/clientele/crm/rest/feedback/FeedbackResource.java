package org.clientele.crm.rest.feedback;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.feedback.Feedback;
import org.clientele.crm.api.feedback.FeedbackRecording;
import org.clientele.crm.api.feedback.FeedbackService;
import org.clientele.crm.api.feedback.NewFeedback;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Survey answers (NPS, CSAT, CES); negative ones create a follow-up and flag the customer. */
@Path("/feedback")
@RequestScoped
@Tag(name = "Feedback", description = "NPS, CSAT and CES answers, and the loop that acts on negative ones")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FeedbackResource {

  @Inject FeedbackService feedback;

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Record a survey answer once per source event",
      description = "201 when recorded, 200 when the same source event was recorded before.")
  public Response record(NewFeedback answer) {
    if (answer == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    FeedbackRecording recording = feedback.record(answer);
    return Response.status(recording.created() ? Response.Status.CREATED : Response.Status.OK).entity(recording)
        .build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "A customer's feedback, newest first")
  public List<Feedback> list(@QueryParam("customerId") Long customerId,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    if (customerId == null) {
      throw new InvalidInputException("customerId", "is required");
    }
    return feedback.list(customerId, limit);
  }
}

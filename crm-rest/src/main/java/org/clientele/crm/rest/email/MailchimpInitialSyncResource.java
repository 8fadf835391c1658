package org.clientele.crm.rest.email;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.email.EmailInitialSync;
import org.clientele.crm.api.email.EmailInitialSyncService;
import org.clientele.crm.api.email.NewEmailInitialSync;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Initial syncs of the Mailchimp audience: every customer with an email, through the batch operations API. */
@Path("/email/mailchimp/initial-syncs")
@RequestScoped
@Tag(name = "Email", description = "Email-marketing audience sync")
@Produces(MediaType.APPLICATION_JSON)
public class MailchimpInitialSyncResource {

  @Inject EmailInitialSyncService syncs;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Start an initial sync of the audience (optional chunkSize, 1 to 5000 customers per batch);"
      + " 409 when one is running or Mailchimp is not enabled")
  public Response start(NewEmailInitialSync request) {
    EmailInitialSync started = syncs.start(request);
    return Response.status(Response.Status.ACCEPTED)
        .location(uriInfo.getAbsolutePathBuilder().path(Long.toString(started.id())).build()).entity(started).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Initial syncs, newest first")
  public List<EmailInitialSync> list() {
    return syncs.list();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "An initial sync's state and progress (considered, submitted, succeeded, failed, skipped,"
      + " batches, rate, checkpoint, last error)")
  public EmailInitialSync get(@PathParam("id") long id) {
    return syncs.find(id).orElseThrow(() -> new ResourceNotFoundException("Initial sync", id));
  }

  @POST
  @Path("/{id}/cancel")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Stop a running initial sync (its current batch is awaited again on resume)")
  public EmailInitialSync cancel(@PathParam("id") long id) {
    return syncs.cancel(id);
  }

  @POST
  @Path("/{id}/resume")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Run a FAILED or CANCELLED initial sync again from its checkpoint")
  public EmailInitialSync resume(@PathParam("id") long id) {
    return syncs.resume(id);
  }
}

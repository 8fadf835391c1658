package org.clientele.crm.rest.customer;

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
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.CustomerMergeService;
import org.clientele.crm.api.customer.MergeResult;
import org.clientele.crm.api.customer.MergeSummary;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Merges of profiles, and their undoing. */
@Path("/customer-merges")
@RequestScoped
@Tag(name = "Customer merges", description = "Merging profiles of one person, and undoing it")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerMergeResource {

  @Inject CustomerMergeService merges;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Merge profiles into a survivor (before-images are kept, so it can be undone)")
  public Response merge(MergeRequest request) {
    if (request == null || request.survivorId() == null || request.mergedIds() == null) {
      throw new InvalidInputException(request == null || request.survivorId() == null ? "survivorId" : "mergedIds",
          "is required");
    }
    MergeResult result = merges.merge(request.survivorId(), request.mergedIds());
    return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(result.mergeId())).build())
        .entity(result).build();
  }

  @POST
  @Path("/{mergeId}/undo")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Undo a merge: the profiles exist again, with their data")
  public MergeSummary unmerge(@PathParam("mergeId") long mergeId) {
    return merges.unmerge(mergeId);
  }

  @GET
  @Path("/of-customer/{customerId}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT})
  @Operation(summary = "Merges a profile took part in, newest first")
  public List<MergeSummary> mergesOf(@PathParam("customerId") long customerId) {
    return merges.mergesOf(customerId);
  }
}

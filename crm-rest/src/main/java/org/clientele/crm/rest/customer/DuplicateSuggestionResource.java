package org.clientele.crm.rest.customer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.DuplicateReviewService;
import org.clientele.crm.api.customer.DuplicateSuggestion;
import org.clientele.crm.api.customer.MergeResult;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Review of possible duplicates. */
@Path("/duplicate-suggestions")
@RequestScoped
@Tag(name = "Duplicate review", description = "Possible duplicates for a person to review")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicateSuggestionResource {

  @Inject DuplicateReviewService review;

  @POST
  @Path("/detection")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Look for new candidates now; returns how many new suggestions were stored")
  public Map<String, Integer> detect() {
    return Map.of("created", review.detect());
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT})
  @Operation(summary = "Open suggestions, highest score first; with customerId, those that involve that customer")
  public List<DuplicateSuggestion> open(@QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("customerId") Long customerId) {
    return customerId == null ? review.open(limit) : review.openFor(customerId, limit);
  }

  @POST
  @Path("/{id}/accept")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Accept: merge the pair, keeping survivorId")
  public MergeResult accept(@PathParam("id") long id, AcceptSuggestion body) {
    if (body == null || body.survivorId() == null) {
      throw new InvalidInputException("survivorId", "is required");
    }
    return review.accept(id, body.survivorId());
  }

  @POST
  @Path("/{id}/dismiss")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Dismiss: the pair is not suggested again")
  public DuplicateSuggestion dismiss(@PathParam("id") long id) {
    return review.dismiss(id);
  }
}

package org.clientele.crm.rest.segment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.segment.SegmentMembership;
import org.clientele.crm.api.segment.SegmentationService;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A customer's segments, beside the profile's own paths. A root resource of its own, so that the customer
 * resource does not depend on segmentation; its longer literal path wins the match for these requests.
 */
@Path("/customers/{id}/segments")
@RequestScoped
@Tag(name = "Segments")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerSegmentResource {

  @Inject SegmentationService segments;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "The customer's current segments, or with history=true also past membership periods, latest"
      + " first; a merged customer's id answers for the survivor")
  public List<SegmentMembership> segmentsOf(@PathParam("id") long id,
      @Parameter(description = "true: also ended memberships; default false") @QueryParam("history") String history) {
    List<FieldViolation> violations = new ArrayList<>();
    boolean withHistory = SegmentResource.booleanParam("history", history, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return segments.segmentsOf(id, withHistory);
  }
}

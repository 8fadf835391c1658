package org.clientele.crm.rest.followup;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.followup.FollowUp;
import org.clientele.crm.api.followup.FollowUpChange;
import org.clientele.crm.api.followup.FollowUpPage;
import org.clientele.crm.api.followup.FollowUpQuery;
import org.clientele.crm.api.followup.FollowUpService;
import org.clientele.crm.api.followup.FollowUpStatus;
import org.clientele.crm.api.followup.NewFollowUp;
import org.clientele.crm.api.followup.RuleRun;
import org.clientele.crm.rest.Conditional;
import org.clientele.crm.rest.Roles;
import org.clientele.crm.rest.customer.Versions;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Follow-ups: created by hand here, by rules elsewhere; work lists and the overdue list. */
@Path("/follow-ups")
@RequestScoped
@Tag(name = "Follow-ups", description = "Tasks to get back to customers, by hand and by rule")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FollowUpResource {

  @Inject FollowUpService followUps;

  @Context UriInfo uriInfo;

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.AGENT})
  @Operation(summary = "Create a follow-up by hand")
  public Response create(NewFollowUp followUp) {
    if (followUp == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    FollowUp created = followUps.create(followUp);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .tag(Versions.tag(created.version())).entity(created).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "A work list, earliest due first; pass nextCursor as 'after' for the next page")
  public FollowUpPage list(@QueryParam("customerId") Long customerId, @QueryParam("assignee") String assignee,
      @Parameter(description = "repeatable; default OPEN and IN_PROGRESS") @QueryParam("status") List<String> statuses,
      @QueryParam("overdue") @DefaultValue("false") boolean overdue, @QueryParam("after") String after,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    Set<FollowUpStatus> set = new HashSet<>();
    for (String s : statuses) {
      try {
        set.add(FollowUpStatus.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("status", "must be one of OPEN, IN_PROGRESS, DONE, CANCELLED");
      }
    }
    return followUps.list(new FollowUpQuery(customerId, assignee, set, overdue, limit, after));
  }

  @GET
  @Path("/overdue")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Follow-ups past their due time and not done, earliest due first")
  public FollowUpPage overdue(@QueryParam("assignee") String assignee, @QueryParam("after") String after,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return followUps.list(new FollowUpQuery(null, assignee, null, true, limit, after));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "A follow-up; its ETag is the version for If-Match")
  public Response get(@PathParam("id") long id) {
    FollowUp followUp = followUps.find(id);
    return Response.ok(followUp).tag(Versions.tag(followUp.version())).build();
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT})
  @Operation(summary = "Change status, assignee, due time or priority (absent fields stay); If-Match optional")
  public Response change(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      FollowUpChange change) {
    if (change == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    return Conditional.apply(ifMatch, uriInfo.getPath(), v -> followUps.change(id, change, v), FollowUp::version);
  }

  @POST
  @Path("/rules/run")
  @RolesAllowed({Roles.ADMIN})
  @Operation(summary = "Run the follow-up rules now (they also run on the system-follow-up-rules timer)")
  public RuleRun runRules() {
    return followUps.applyRules();
  }
}

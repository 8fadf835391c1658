package org.clientele.crm.rest.conversation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.conversation.AgentContext;
import org.clientele.crm.api.conversation.Assignment;
import org.clientele.crm.api.conversation.Conversation;
import org.clientele.crm.api.conversation.ConversationQuery;
import org.clientele.crm.api.conversation.ConversationService;
import org.clientele.crm.api.conversation.ConversationStatus;
import org.clientele.crm.api.conversation.StatusChange;
import org.clientele.crm.rest.Conditional;
import org.clientele.crm.rest.Roles;
import org.clientele.crm.rest.customer.Versions;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Conversations. Recording interactions opens and continues them ({@code POST /interactions}); here agents
 * read, assign and resolve them, and get the context to pick one up.
 */
@Path("/conversations")
@RequestScoped
@Tag(name = "Conversations", description = "Matters across channels, with status, assignment and service times")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResource {

  @Inject ConversationService conversations;

  @Context UriInfo uriInfo;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Conversations, most recently active first")
  public List<Conversation> list(@QueryParam("customerId") Long customerId,
      @Parameter(description = "repeatable: OPEN, PENDING, RESOLVED") @QueryParam("status") List<String> statuses,
      @QueryParam("agent") String agent, @QueryParam("team") String team,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    List<FieldViolation> violations = new ArrayList<>();
    Set<ConversationStatus> set = new HashSet<>();
    for (String s : statuses) {
      try {
        set.add(ConversationStatus.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        violations.add(new FieldViolation("status", "must be one of OPEN, PENDING, RESOLVED"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return conversations.list(new ConversationQuery(customerId, set, agent, team, limit));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "A conversation; its ETag is the version for If-Match")
  public Response get(@PathParam("id") long id) {
    Conversation conversation = conversations.find(id);
    return Response.ok(conversation).tag(Versions.tag(conversation.version())).build();
  }

  @GET
  @Path("/{id}/context")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT})
  @Operation(summary = "Everything to pick the conversation up: thread, profile, recent history on every channel,"
      + " other open conversations, open follow-ups")
  public AgentContext context(@PathParam("id") long id, @QueryParam("history") @DefaultValue("20") int history) {
    return conversations.context(id, history);
  }

  @PUT
  @Path("/{id}/assignment")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT})
  @Operation(summary = "Assign to an agent and/or a team; If-Match optional (412 when stale)")
  public Response assign(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      Assignment assignment) {
    if (assignment == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    return Conditional.apply(ifMatch, uriInfo.getPath(), v -> conversations.assign(id, assignment, v),
        Conversation::version);
  }

  @PUT
  @Path("/{id}/status")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Move to OPEN, PENDING or RESOLVED; If-Match optional (412 when stale)")
  public Response changeStatus(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      StatusChange change) {
    if (change == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    return Conditional.apply(ifMatch, uriInfo.getPath(), v -> conversations.changeStatus(id, change, v),
        Conversation::version);
  }
}

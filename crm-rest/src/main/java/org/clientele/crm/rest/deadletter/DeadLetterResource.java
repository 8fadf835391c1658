package org.clientele.crm.rest.deadletter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.Locale;
import java.util.Map;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.integration.DeadLetter;
import org.clientele.crm.api.integration.DeadLetterPage;
import org.clientele.crm.api.integration.DeadLetterQuery;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.DeadLetterStatus;
import org.clientele.crm.api.integration.MessageDirection;
import org.clientele.crm.rest.Conditional;
import org.clientele.crm.rest.Roles;
import org.clientele.crm.rest.customer.Versions;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Messages the integrations could not apply or deliver: look, replay, discard. */
@Path("/dead-letters")
@RequestScoped
@Tag(name = "Dead letters", description = "Failed inbound and outbound messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

  /** A discard's reason. */
  public record Discard(String reason) {}

  @Inject DeadLetterService deadLetters;

  @Context UriInfo uriInfo;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Dead letters, newest first, filtered by system, direction, status, message type or route")
  public DeadLetterPage list(@QueryParam("system") String system,
      @Parameter(description = "INBOUND or OUTBOUND") @QueryParam("direction") String direction,
      @Parameter(description = "PARKED (default), REPLAYED, DISCARDED or ALL") @QueryParam("status")
          @DefaultValue("PARKED") String status,
      @QueryParam("messageType") String messageType, @QueryParam("routeId") String routeId,
      @QueryParam("afterId") Long afterId, @QueryParam("limit") @DefaultValue("50") int limit) {
    return deadLetters.list(new DeadLetterQuery(blank(system), parse("direction", direction, MessageDirection.class),
        "ALL".equalsIgnoreCase(status) ? null : parse("status", status, DeadLetterStatus.class), blank(messageType),
        blank(routeId), afterId, limit));
  }

  @GET
  @Path("/counts")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Dead letters per system and status")
  public Map<String, Map<DeadLetterStatus, Long>> counts() {
    return deadLetters.counts();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "A dead letter with its payload and reason; its ETag is the version for If-Match")
  public Response get(@PathParam("id") long id) {
    DeadLetter letter = deadLetters.find(id);
    return Response.ok(letter).tag(Versions.tag(letter.version())).build();
  }

  @POST
  @Path("/{id}/replay")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Send a parked message again: inbound through its route (applied at most once), outbound"
      + " back into the outbox. A failed replay leaves it PARKED with the new reason; If-Match optional")
  public Response replay(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return Conditional.apply(ifMatch, uriInfo.getPath(), v -> deadLetters.replay(id, v), DeadLetter::version);
  }

  @POST
  @Path("/{id}/discard")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Drop a parked message for good, with a reason; If-Match optional")
  public Response discard(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      Discard discard) {
    String reason = discard == null ? null : discard.reason();
    return Conditional.apply(ifMatch, uriInfo.getPath(), v -> deadLetters.discard(id, reason, v),
        DeadLetter::version);
  }

  private static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}

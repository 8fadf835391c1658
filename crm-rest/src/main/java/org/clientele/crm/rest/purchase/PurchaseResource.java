package org.clientele.crm.rest.purchase;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.purchase.NewPurchase;
import org.clientele.crm.api.purchase.NewRefund;
import org.clientele.crm.api.purchase.Purchase;
import org.clientele.crm.api.purchase.PurchaseOutcome;
import org.clientele.crm.api.purchase.PurchasePage;
import org.clientele.crm.api.purchase.PurchaseQuery;
import org.clientele.crm.api.purchase.PurchaseRecording;
import org.clientele.crm.api.purchase.PurchaseService;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.clientele.crm.api.purchase.RefundRecording;
import org.clientele.crm.rest.Batches;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Purchases: order versions upserted by source order (the newest {@code sourceUpdatedAt} wins), refunds, and
 * a customer's purchases. Order ids may contain {@code /}: the by-source paths take the rest of the path.
 */
@Path("/purchases")
@RequestScoped
@Tag(name = "Purchases", description = "Orders from every source, with refunds and status history")
@Produces(MediaType.APPLICATION_JSON)
public class PurchaseResource {

  @Inject PurchaseService purchases;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Record a version of an order (upsert by sourceSystem and orderId)",
      description = "201 with Location when the purchase was created; 200 when it was updated (a newer version), "
          + "unchanged (the same version again) or the version was stale (older than the stored one: not applied, "
          + "its status enters the history). The outcome is in the body.")
  public Response record(NewPurchase purchase) {
    if (purchase == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    PurchaseRecording recording = purchases.record(purchase);
    Response.ResponseBuilder response = recording.outcome() == PurchaseOutcome.CREATED
        ? Response.created(uriInfo.getBaseUriBuilder().path("purchases")
            .path(Long.toString(recording.purchase().id())).build())
        : Response.ok();
    return response.entity(recording).build();
  }

  @POST
  @Path("/batch")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Record up to 500 order versions in one transaction, in list order (all or none)")
  @APIResponse(responseCode = "200", description = "One result per element, in order",
      content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(type = SchemaType.ARRAY, implementation = PurchaseRecording.class)))
  @APIResponse(responseCode = "204", description = "Written; the request sent Prefer: return=minimal")
  public Response recordAll(
      @Parameter(description = "return=minimal: answer 204 without the results")
      @HeaderParam("Prefer") List<String> prefer,
      List<NewPurchase> batch) {
    return Batches.write(prefer, batch, purchases::recordAll);
  }

  @GET
  @Path("/{id: [0-9]+}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "One purchase, with its lines, refunds and status history")
  public Purchase get(@PathParam("id") long id) {
    return purchases.find(id).orElseThrow(() -> new ResourceNotFoundException("Purchase", id));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "A customer's purchases, newest placedAt first; pass nextCursor as 'after' for the next page")
  public PurchasePage list(
      @Parameter(description = "required; a merged customer's id lists the survivor's purchases")
          @QueryParam("customerId") String customerId,
      @Parameter(description = "ISO instant, inclusive, on placedAt") @QueryParam("from") String from,
      @Parameter(description = "ISO instant, exclusive, on placedAt") @QueryParam("to") String to,
      @Parameter(description = "repeatable: PLACED, PAID, FULFILLED, REFUNDED, CANCELLED")
          @QueryParam("status") List<String> statuses,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("after") String after) {
    List<FieldViolation> violations = new ArrayList<>();
    long customer = 0;
    if (customerId == null || customerId.isBlank()) {
      violations.add(new FieldViolation("customerId", "is required"));
    } else {
      try {
        customer = Long.parseLong(customerId.strip());
      } catch (NumberFormatException e) {
        violations.add(new FieldViolation("customerId", "must be a customer id"));
      }
    }
    Set<PurchaseStatus> statusSet = EnumSet.noneOf(PurchaseStatus.class);
    for (String status : statuses) {
      if (status != null && !status.isBlank()) {
        try {
          statusSet.add(PurchaseStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          violations.add(new FieldViolation("status", "is not one of the accepted values"));
        }
      }
    }
    Instant fromInstant = instant("from", from, violations);
    Instant toInstant = instant("to", to, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return purchases.list(customer, new PurchaseQuery(fromInstant, toInstant, statusSet, limit, after));
  }

  @GET
  @Path("/by-source/{sourceSystem}/{orderId: .+}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "The purchase of one source order")
  public Purchase bySource(@PathParam("sourceSystem") String sourceSystem, @PathParam("orderId") String orderId) {
    return purchases.findBySource(sourceSystem, orderId)
        .orElseThrow(() -> new ResourceNotFoundException("Purchase", sourceSystem + "/" + orderId));
  }

  @POST
  @Path("/by-source/{sourceSystem}/{orderId: .+}/refunds")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Record a refund of a source order, once per refundId",
      description = "201 when recorded, 200 when this refund id was recorded before. Refunds may add up to the "
          + "total at most (409 otherwise); reaching it makes the purchase REFUNDED.")
  public Response refund(@PathParam("sourceSystem") String sourceSystem, @PathParam("orderId") String orderId,
      NewRefund refund) {
    if (refund == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    RefundRecording recording = purchases.refund(sourceSystem, orderId, refund);
    return Response.status(recording.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(recording).build();
  }

  private static Instant instant(String field, String value, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation(field, "must be an ISO instant, e.g. 2026-03-01T10:00:00Z"));
      return null;
    }
  }
}

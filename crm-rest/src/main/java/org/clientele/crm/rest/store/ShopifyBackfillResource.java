package org.clientele.crm.rest.store;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.store.NewStoreBackfill;
import org.clientele.crm.api.store.StoreBackfill;
import org.clientele.crm.api.store.StoreBackfillService;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backfills of a Shopify shop's customers and orders through the GraphQL Admin API. */
@Path("/store/shopify/backfills")
@RequestScoped
@Tag(name = "Store", description = "E-commerce store webhook deliveries, data requests and backfills")
@Produces(MediaType.APPLICATION_JSON)
public class ShopifyBackfillResource {

  static final String STORE = "shopify";

  @Inject StoreBackfillService backfills;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Start a backfill of a configured shop (what: customers, orders or both; mode: paged;"
      + " optional updatedSince); 409 when one of the shop is running")
  public Response start(NewStoreBackfill request) {
    if (request == null) {
      throw new InvalidInputException("body", "is required");
    }
    StoreBackfill started = backfills.start(STORE, request);
    return Response.status(Response.Status.ACCEPTED)
        .location(uriInfo.getAbsolutePathBuilder().path(Long.toString(started.id())).build()).entity(started).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Backfills, newest first, optionally of one shop")
  public List<StoreBackfill> list(@QueryParam("shop") String shop) {
    return backfills.list(shop == null || shop.isBlank() ? null : shop);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "A backfill's status and progress (processed, estimated total, rate, ETA, phase, last error)")
  public StoreBackfill get(@PathParam("id") long id) {
    return backfills.find(id).orElseThrow(() -> new ResourceNotFoundException("Backfill", id));
  }

  @POST
  @Path("/{id}/cancel")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Stop a running backfill after its current page (it keeps its checkpoint)")
  public StoreBackfill cancel(@PathParam("id") long id) {
    return backfills.cancel(id);
  }

  @POST
  @Path("/{id}/resume")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Run a FAILED or CANCELLED backfill again from its checkpoint")
  public StoreBackfill resume(@PathParam("id") long id) {
    return backfills.resume(id);
  }
}

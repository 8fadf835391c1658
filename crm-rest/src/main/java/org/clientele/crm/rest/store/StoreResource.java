package org.clientele.crm.rest.store;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.store.StoreDataRequest;
import org.clientele.crm.api.store.StoreDelivery;
import org.clientele.crm.api.store.StoreDeliveryCount;
import org.clientele.crm.api.store.StoreDeliveryQuery;
import org.clientele.crm.api.store.StoreDeliveryService;
import org.clientele.crm.api.store.StoreDeliveryStatus;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Store webhook deliveries and the data requests they produced, for integration operators. */
@Path("/store")
@RequestScoped
@Tag(name = "Store", description = "E-commerce store webhook deliveries and data requests")
@Produces(MediaType.APPLICATION_JSON)
public class StoreResource {

  @Inject StoreDeliveryService deliveries;

  @GET
  @Path("/deliveries")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Deliveries, newest first, filtered by store, shop, topic and status (no payloads)")
  public List<StoreDelivery> list(@QueryParam("store") String store, @QueryParam("shop") String shop,
      @QueryParam("topic") String topic, @QueryParam("status") String status, @QueryParam("afterId") Long afterId,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return deliveries.list(new StoreDeliveryQuery(blank(store), blank(shop), blank(topic), status(status), afterId,
        limit));
  }

  @GET
  @Path("/deliveries/counts")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Deliveries per store, shop, topic and status")
  public List<StoreDeliveryCount> counts() {
    return deliveries.counts();
  }

  @GET
  @Path("/deliveries/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "One delivery (no payload)")
  public StoreDelivery get(@PathParam("id") long id) {
    return deliveries.find(id).orElseThrow(() -> new ResourceNotFoundException("Store delivery", id));
  }

  @GET
  @Path("/data-requests")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Customer data requests of the stores, newest first; the merchant forwards the export")
  public List<StoreDataRequest> dataRequests(@QueryParam("shop") String shop) {
    return deliveries.dataRequests(blank(shop));
  }

  @GET
  @Path("/data-requests/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "One data request")
  public StoreDataRequest dataRequest(@PathParam("id") long id) {
    return deliveries.findDataRequest(id).orElseThrow(() -> new ResourceNotFoundException("Data request", id));
  }

  @GET
  @Path("/data-requests/{id}/export")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "The CRM export of a data request, as a JSON download")
  public Response export(@PathParam("id") long id) {
    String export = deliveries.dataRequestExport(id)
        .orElseThrow(() -> new ResourceNotFoundException("Data request", id));
    return Response.ok(export, MediaType.APPLICATION_JSON_TYPE)
        .header("Content-Disposition", "attachment; filename=\"data-request-" + id + ".json\"").build();
  }

  private static StoreDeliveryStatus status(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return StoreDeliveryStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("status", "must be RECEIVED, PROCESSED, SKIPPED or FAILED");
    }
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}

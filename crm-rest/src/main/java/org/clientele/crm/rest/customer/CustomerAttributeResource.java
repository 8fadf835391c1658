package org.clientele.crm.rest.customer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.CustomerAttributeService;
import org.clientele.crm.rest.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The custom attribute registry. */
@Path("/customer-attributes")
@RequestScoped
@Tag(name = "Customer attributes", description = "Custom attributes profiles may carry")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerAttributeResource {

  @Inject CustomerAttributeService attributes;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Every registered attribute")
  public List<AttributeDefinition> definitions() {
    return attributes.definitions();
  }

  @PUT
  @Path("/{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Register or change an attribute (its type cannot change once values exist)")
  public AttributeDefinition define(@PathParam("key") String key, AttributeDefinition definition) {
    if (definition == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    if (definition.key() != null && !definition.key().equals(key)) {
      throw new InvalidInputException("key", "must match the key in the path");
    }
    return attributes.define(new AttributeDefinition(key, definition.type(), definition.allowedValues(),
        definition.description()));
  }
}

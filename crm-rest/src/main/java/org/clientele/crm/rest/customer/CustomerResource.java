package org.clientele.crm.rest.customer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.clientele.crm.api.ConcurrentModificationException;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.CustomerExport;
import org.clientele.crm.api.customer.CustomerPage;
import org.clientele.crm.api.customer.CustomerPrivacyService;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerQuery;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.CustomerSort;
import org.clientele.crm.api.customer.CustomerUpdate;
import org.clientele.crm.api.customer.ErasureReceipt;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.LifecycleStage;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.customer.Registration;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.InteractionService;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.interaction.TimelinePage;
import org.clientele.crm.api.interaction.TimelineQuery;
import org.clientele.crm.rest.Batches;
import org.clientele.crm.rest.Roles;
import org.clientele.crm.rest.problem.Problem;
import org.clientele.crm.rest.problem.ProblemType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Customer profiles. Reads return an {@code ETag} (the profile version); writes to a profile need
 * {@code If-Match} with it: missing → 428, stale → 412.
 */
@Path("/customers")
@RequestScoped
@Tag(name = "Customers", description = "Unified customer profiles")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

  static final String MERGE_PATCH_JSON = "application/merge-patch+json";

  private static final Jsonb JSONB = JsonbBuilder.create();

  @Inject CustomerService customers;

  @Inject CustomerPrivacyService privacy;

  @Inject InteractionService interactions;

  @Inject org.clientele.crm.api.overview.CustomerOverviewService overviews;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Register a person: match an existing profile (identity, email, phone) or create one",
      description = "201 with Location when a profile was created, 200 when an existing one was updated.")
  public Response register(NewCustomer customer) {
    Registration registration = customers.register(requireBody(customer));
    CustomerProfile profile = registration.profile();
    Response.ResponseBuilder response = registration.created()
        ? Response.created(uriInfo.getBaseUriBuilder().path("customers").path(Long.toString(profile.id())).build())
        : Response.ok();
    return response.tag(Versions.tag(profile.version()))
        .header("X-Clientele-Match", registration.matchedBy() == null ? "NONE" : registration.matchedBy().name())
        .entity(profile)
        .build();
  }

  @POST
  @Path("/batch")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Register 1 to 500 people in one transaction, in list order (all or none)",
      description = "Each element is matched or created as by POST /customers; an element matching a profile an "
          + "earlier element created updates it. 200 with one registration per element, in order. A bad element "
          + "rejects the whole batch with 400 naming it, e.g. customers[3].email.")
  @APIResponse(responseCode = "200", description = "One result per element, in order",
      content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(type = SchemaType.ARRAY, implementation = Registration.class)))
  @APIResponse(responseCode = "204", description = "Written; the request sent Prefer: return=minimal")
  public Response registerAll(
      @Parameter(description = "return=minimal: answer 204 without the results")
      @HeaderParam("Prefer") List<String> prefer,
      List<NewCustomer> batch) {
    return Batches.write(prefer, batch, customers::registerAll);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "One profile, with its ETag")
  public Response get(@PathParam("id") long id) {
    return withTag(customers.get(id));
  }

  @GET
  @Path("/lookup")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Find a profile by external identity (system + externalId), email or phone")
  public Response lookup(
      @QueryParam("system") String system,
      @QueryParam("externalId") String externalId,
      @QueryParam("email") String email,
      @QueryParam("phone") String phone) {
    Optional<CustomerProfile> found;
    String described;
    if (system != null || externalId != null) {
      found = customers.findByIdentity(new ExternalIdentity(system, externalId));
      described = "with identity " + system + "/" + externalId;
    } else if (email != null) {
      found = customers.findByEmail(email);
      described = "with that email";
    } else if (phone != null) {
      found = customers.findByPhone(phone);
      described = "with that phone";
    } else {
      throw new InvalidInputException("request", "give system and externalId, email, or phone");
    }
    return withTag(found.orElseThrow(() -> new ResourceNotFoundException("Customer", described)));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Search profiles; every criterion given must hold")
  public CustomerPage search(
      @Parameter(description = "prefix of given name, family name or both") @QueryParam("name") String name,
      @QueryParam("email") String email,
      @Parameter(description = "start of an international number, e.g. +4930") @QueryParam("phonePrefix")
          String phonePrefix,
      @QueryParam("tag") String tag,
      @Parameter(description = "LEAD, PROSPECT, ACTIVE, AT_RISK or CHURNED") @QueryParam("stage") String stage,
      @Parameter(description = "a custom attribute key") @QueryParam("attribute") String attribute,
      @QueryParam("attributeValue") String attributeValue,
      @Parameter(description = "ID, FAMILY_NAME, CREATED_AT or UPDATED_AT") @QueryParam("sort") @DefaultValue("ID")
          String sort,
      @QueryParam("desc") @DefaultValue("false") boolean descending,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    List<FieldViolation> violations = new ArrayList<>();
    LifecycleStage lifecycleStage = parse("stage", stage, LifecycleStage::valueOf, violations);
    CustomerSort order = parse("sort", sort, CustomerSort::valueOf, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return customers.search(new CustomerQuery(name, email, phonePrefix, tag, lifecycleStage, attribute,
        attributeValue, order, descending, offset, limit));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Replace the editable fields (needs If-Match)")
  public Response replace(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      CustomerUpdate update) {
    CustomerUpdate body = requireBody(update);
    return conditionally(id, ifMatch, version -> customers.update(id, version, body));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MERGE_PATCH_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Change some fields with a JSON Merge Patch, RFC 7386 (needs If-Match)",
      description = "Members present replace, null removes, absent members keep their value.")
  public Response patch(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      JsonValue patch) {
    if (patch == null || patch.getValueType() != JsonValue.ValueType.OBJECT) {
      return Problem.of(ProblemType.MALFORMED_REQUEST, "A merge patch must be a JSON object", uriInfo.getPath())
          .toResponse();
    }
    return conditionally(id, ifMatch, version -> {
      CustomerProfile current = customers.get(id);
      JsonObject base = Json.createReader(new StringReader(JSONB.toJson(current.toUpdate()))).readObject();
      JsonValue patched = Json.createMergePatch(patch).apply(base);
      return customers.update(id, version, JSONB.fromJson(patched.toString(), CustomerUpdate.class));
    });
  }

  @POST
  @Path("/{id}/identities")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Add an identity from another system")
  public Response addIdentity(@PathParam("id") long id, ExternalIdentity identity) {
    return withTag(customers.addIdentity(id, requireBody(identity)));
  }

  @POST
  @Path("/{id}/consents")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Record a consent decision; it takes effect if it is the most recent for its channel and purpose")
  public Response recordConsent(@PathParam("id") long id, ConsentDecision decision) {
    return withTag(customers.recordConsent(id, requireBody(decision)));
  }

  @GET
  @Path("/{id}/consents")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Every consent decision recorded, newest first")
  public List<ConsentDecision> consentHistory(@PathParam("id") long id) {
    return customers.consentHistory(id);
  }

  @GET
  @Path("/{id}/contactability")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "May the customer be contacted on this channel for this purpose now?")
  public Map<String, Object> contactability(@PathParam("id") long id, @QueryParam("channel") String channel,
      @QueryParam("purpose") String purpose) {
    List<FieldViolation> violations = new ArrayList<>();
    ConsentChannel c = parse("channel", channel, ConsentChannel::valueOf, violations);
    ConsentPurpose p = parse("purpose", purpose, ConsentPurpose::valueOf, violations);
    if (c == null && violations.isEmpty()) {
      violations.add(new FieldViolation("channel", "is required"));
    }
    if (p == null && violations.stream().noneMatch(v -> v.field().equals("purpose"))) {
      violations.add(new FieldViolation("purpose", "is required"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return Map.of("channel", c, "purpose", p, "allowed", customers.mayContact(id, c, p));
  }

  @GET
  @Path("/{id}/timeline")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "The customer's touchpoints, newest first; pass nextCursor as 'after' for the next page")
  public TimelinePage timeline(@PathParam("id") long id,
      @Parameter(description = "repeatable: EMAIL, CHAT, ...") @QueryParam("channel") List<String> channels,
      @Parameter(description = "repeatable: INQUIRY, COMPLAINT, ...") @QueryParam("type") List<String> types,
      @Parameter(description = "ISO instant, inclusive") @QueryParam("from") String from,
      @Parameter(description = "ISO instant, exclusive") @QueryParam("to") String to,
      @QueryParam("after") String after,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    List<FieldViolation> violations = new ArrayList<>();
    java.util.Set<Channel> channelSet = new java.util.HashSet<>();
    channels.forEach(c -> addIfValid(channelSet, parse("channel", c, Channel::valueOf, violations)));
    java.util.Set<InteractionType> typeSet = new java.util.HashSet<>();
    types.forEach(t -> addIfValid(typeSet, parse("type", t, InteractionType::valueOf, violations)));
    java.time.Instant fromInstant = instant("from", from, violations);
    java.time.Instant toInstant = instant("to", to, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return interactions.timeline(id, new TimelineQuery(channelSet, typeSet, fromInstant, toInstant, after, limit));
  }

  private static <E> void addIfValid(java.util.Set<E> set, E value) {
    if (value != null) {
      set.add(value);
    }
  }

  private static java.time.Instant instant(String field, String value, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.time.Instant.parse(value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      violations.add(new FieldViolation(field, "must be an ISO instant, e.g. 2026-03-01T10:00:00Z"));
      return null;
    }
  }

  @GET
  @Path("/{id}/overview")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "The 360° view: profile with the latest touchpoints, open conversations and follow-ups,"
      + " latest purchases and value, in one read")
  public org.clientele.crm.api.overview.CustomerOverview overview(@PathParam("id") long id,
      @QueryParam("recent") @DefaultValue("20") int recent) {
    return overviews.overview(id, recent);
  }

  @DELETE
  @Path("/{id}/attention")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT})
  @Operation(summary = "Clear the customer's attention flag",
      description = "Negative feedback and churn-risk rules set it; finishing their follow-ups clears it too.")
  public CustomerProfile clearAttention(@PathParam("id") long id) {
    return customers.clearAttention(id);
  }

  @GET
  @Path("/{id}/export")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Everything stored about the customer, machine-readable (GDPR Art. 15/20)")
  public Response export(@PathParam("id") long id) {
    CustomerExport export = privacy.export(id);
    return Response.ok(export)
        .header("Content-Disposition", "attachment; filename=\"customer-" + export.profile().id() + ".json\"")
        .build();
  }

  @POST
  @Path("/{id}/erasure")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Erase the customer (GDPR Art. 17): personal data deleted or anonymized everywhere, "
      + "re-creation from stale inbound data blocked for the configured period")
  public ErasureReceipt erase(@PathParam("id") long id, ErasureRequest request) {
    return privacy.erase(id, requireBody(request).reason());
  }

  private Response conditionally(long id, String ifMatch, Function<Long, CustomerProfile> change) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return Problem.of(ProblemType.PRECONDITION_REQUIRED,
          "Send If-Match with the ETag of the version you read", uriInfo.getPath()).toResponse();
    }
    OptionalLong version = Versions.fromIfMatch(ifMatch);
    try {
      if (version.isEmpty()) {
        throw new ConcurrentModificationException("Customer " + id, -1, customers.get(id).version());
      }
      return withTag(change.apply(version.getAsLong()));
    } catch (ConcurrentModificationException e) {
      return Problem.of(ProblemType.PRECONDITION_FAILED, e.getMessage(), uriInfo.getPath()).toResponse();
    }
  }

  private static Response withTag(CustomerProfile profile) {
    return Response.ok(profile).tag(Versions.tag(profile.version())).build();
  }

  private static <T> T requireBody(T body) {
    if (body == null) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    return body;
  }

  private static <E> E parse(String field, String value, Function<String, E> valueOf, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return valueOf.apply(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(field, "is not one of the accepted values"));
      return null;
    }
  }
}

package org.clientele.crm.rest.segment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.segment.MemberCount;
import org.clientele.crm.api.segment.MemberImport;
import org.clientele.crm.api.segment.MemberImportResult;
import org.clientele.crm.api.segment.Segment;
import org.clientele.crm.api.segment.SegmentChange;
import org.clientele.crm.api.segment.SegmentDefinition;
import org.clientele.crm.api.segment.SegmentEvaluation;
import org.clientele.crm.api.segment.SegmentMemberPage;
import org.clientele.crm.api.segment.SegmentPreview;
import org.clientele.crm.api.segment.SegmentRule;
import org.clientele.crm.api.segment.SegmentationService;
import org.clientele.crm.rest.Conditional;
import org.clientele.crm.rest.Roles;
import org.clientele.crm.rest.customer.Versions;
import org.clientele.crm.rest.problem.Problem;
import org.clientele.crm.rest.problem.ProblemType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Segments: define, change and delete them (ETag = version; {@code If-Match} optional, 412 when stale), check
 * and preview rules, recompute membership, read members and their count over time, and edit the members of
 * static segments, one by one or by CSV import. Rule bodies are read strictly: a member a rule does not have is
 * reported with its path (see {@link RuleShape}); the meaning is checked by the service.
 *
 * <p>The keys {@code validation}, {@code preview} and {@code evaluation} name operations under
 * {@code /segments}, so segments cannot be defined with them here.
 */
@Path("/segments")
@RequestScoped
@Tag(name = "Segments", description = "Rule-based and static customer segments, their members and history")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {

  static final String CSV = "text/csv";
  static final Set<String> RESERVED_KEYS = Set.of("validation", "preview", "evaluation");
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int DEFAULT_SAMPLE = 10;
  static final int MAX_SAMPLE = 100;
  static final int DEFAULT_POINTS = 31;
  static final int MAX_POINTS = 500;
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
  static final int MAX_ADD = 10_000;

  private static final Jsonb JSONB = JsonbBuilder.create();

  @Inject SegmentationService segments;

  @Context UriInfo uriInfo;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Every segment, by key, with its member count")
  public List<Segment> list() {
    return segments.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Define a segment; a dynamic one is evaluated at once",
      description = "201 with Location and ETag. 400 names every problem of the definition and its rule (paths "
          + "like rule.all[1].op), including a cycle through other segments; 409 when the key is taken.")
  public Response define(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(implementation = SegmentDefinition.class))) JsonValue body) {
    JsonObject object = object(body);
    requireWellFormedRule(object.get("rule"));
    SegmentDefinition definition = JSONB.fromJson(object.toString(), SegmentDefinition.class);
    if (definition.key() != null && RESERVED_KEYS.contains(definition.key())) {
      throw new InvalidInputException("key", "is reserved for an operation of the API; choose another key");
    }
    Segment segment = segments.define(definition);
    return Response.created(uriInfo.getBaseUriBuilder().path("segments").path(segment.key()).build())
        .tag(Versions.tag(segment.version()))
        .entity(segment)
        .build();
  }

  @GET
  @Path("/{key}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "One segment; its ETag is the version for If-Match")
  public Response get(@PathParam("key") String key) {
    Segment segment = segments.find(key);
    return Response.ok(segment).tag(Versions.tag(segment.version())).build();
  }

  @PUT
  @Path("/{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Change name, description and rule (key and kind stay); If-Match optional (412 when stale)",
      description = "A changed rule is evaluated at once: members it no longer selects leave, new ones enter.")
  public Response update(@PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = SegmentChange.class))) JsonValue body) {
    JsonObject object = object(body);
    requireWellFormedRule(object.get("rule"));
    SegmentChange change = JSONB.fromJson(object.toString(), SegmentChange.class);
    return Conditional.apply(ifMatch, uriInfo.getPath(), v -> segments.update(key, change, v), Segment::version);
  }

  @DELETE
  @Path("/{key}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Delete a segment with its membership history; If-Match optional (412 when stale)",
      description = "409 while another segment's rule refers to it.")
  public Response delete(@PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return Conditional.applyWithoutContent(ifMatch, uriInfo.getPath(), v -> segments.delete(key, v));
  }

  @POST
  @Path("/validation")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Check a rule without storing it: 200 with valid and the violations (paths like rule.all[1].op)")
  public RuleValidation validate(
      @Parameter(description = "the segment the rule is meant for, so that a reference to itself is a cycle")
          @QueryParam("key") String key,
      @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = SegmentRule.class))) JsonValue body) {
    List<FieldViolation> shape = RuleShape.violations("rule", requireBody(body), SegmentRule.class);
    List<FieldViolation> violations = shape.isEmpty()
        ? segments.validate(blankToNull(key), JSONB.fromJson(body.toString(), SegmentRule.class))
        : shape;
    return new RuleValidation(violations.isEmpty(), violations);
  }

  @POST
  @Path("/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "How many customers a rule selects now, with a sample (lowest ids first); nothing is stored")
  public SegmentPreview preview(
      @Parameter(description = "0 to 100, default 10") @QueryParam("sample") String sample,
      @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = SegmentRule.class))) JsonValue body) {
    List<FieldViolation> violations = new ArrayList<>();
    int sampleSize = intParam("sample", sample, DEFAULT_SAMPLE, 0, MAX_SAMPLE, violations);
    violations.addAll(RuleShape.violations("rule", requireBody(body), SegmentRule.class));
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return segments.preview(JSONB.fromJson(body.toString(), SegmentRule.class), sampleSize);
  }

  @POST
  @Path("/evaluation")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Refresh the RFM and engagement scores, then recompute every dynamic segment now",
      description = "Referenced segments first. The schedule does this too; this is for operators.")
  public List<SegmentEvaluation> evaluateAll() {
    return segments.evaluateAll();
  }

  @POST
  @Path("/{key}/evaluation")
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Recompute a dynamic segment's membership in full now (a static one is left as it is)")
  public SegmentEvaluation evaluate(@PathParam("key") String key) {
    return segments.evaluate(key);
  }

  @GET
  @Path("/{key}/members")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Current members in customer-id order; pass nextAfter as 'after' for the next page")
  public SegmentMemberPage members(@PathParam("key") String key,
      @Parameter(description = "the previous page's nextAfter") @QueryParam("after") String after,
      @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit) {
    List<FieldViolation> violations = new ArrayList<>();
    Long afterId = null;
    if (after != null && !after.isBlank()) {
      try {
        afterId = Long.parseLong(after.strip());
      } catch (NumberFormatException e) {
        violations.add(new FieldViolation("after", "must be a customer id (the previous page's nextAfter)"));
      }
    }
    int pageSize = intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return segments.members(key, afterId, pageSize);
  }

  @GET
  @Path("/{key}/members/{customerId: [0-9]+}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "200 when the customer is a current member, 404 when not")
  public Response isMember(@PathParam("key") String key, @PathParam("customerId") long customerId) {
    if (!segments.isMember(key, customerId)) {
      return Problem.of(ProblemType.NOT_FOUND,
          "Customer " + customerId + " is not a current member of segment " + key, uriInfo.getPath()).toResponse();
    }
    return Response.ok(new MemberStatus(key, customerId, true)).build();
  }

  @PUT
  @Path("/{key}/members/{customerId: [0-9]+}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Add a customer to a static segment: 201 when they entered, 200 when already a member",
      description = "400 for a dynamic segment or an unknown customer.")
  public Response addMember(@PathParam("key") String key, @PathParam("customerId") long customerId) {
    boolean entered = !segments.addMembers(key, List.of(customerId)).isEmpty();
    MemberStatus status = new MemberStatus(key, customerId, true);
    return entered
        ? Response.created(uriInfo.getAbsolutePath()).entity(status).build()
        : Response.ok(status).build();
  }

  @DELETE
  @Path("/{key}/members/{customerId: [0-9]+}")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "Remove a customer from a static segment (204 also when they were not a member)")
  public Response removeMember(@PathParam("key") String key, @PathParam("customerId") long customerId) {
    segments.removeMembers(key, List.of(customerId));
    return Response.noContent().build();
  }

  @POST
  @Path("/{key}/members")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Add up to 10,000 customers to a static segment; answers those who entered")
  public MembersAdded addMembers(@PathParam("key") String key, MemberAddition addition) {
    if (addition == null || addition.customerIds() == null || addition.customerIds().isEmpty()) {
      throw new InvalidInputException("customerIds", "must list at least one customer id");
    }
    if (addition.customerIds().size() > MAX_ADD) {
      throw new InvalidInputException("customerIds", "must list at most " + MAX_ADD + " customer ids; import a CSV"
          + " for more");
    }
    List<FieldViolation> violations = new ArrayList<>();
    for (int i = 0; i < addition.customerIds().size(); i++) {
      if (addition.customerIds().get(i) == null) {
        violations.add(new FieldViolation("customerIds[" + i + "]", "must be a customer id"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return new MembersAdded(segments.addMembers(key, addition.customerIds()));
  }

  @POST
  @Path("/{key}/members/import")
  @Consumes(CSV)
  @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
  @Operation(summary = "Import a static segment's members from CSV (UTF-8, header row), in one transaction",
      description = "The header names how rows identify customers: customerId, email, or system and externalId. "
          + "Rows naming no active customer are reported as unmatched; a malformed file is a 400 naming its lines "
          + "and changes nothing. replace=true makes the file the whole membership.")
  public MemberImportResult importMembers(@PathParam("key") String key,
      @Parameter(description = "true: members not listed leave; default false: listed customers are added")
          @QueryParam("replace") String replace,
      @RequestBody(content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))) String csv) {
    List<FieldViolation> violations = new ArrayList<>();
    boolean replacing = booleanParam("replace", replace, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    if (csv == null || csv.isBlank()) {
      throw new InvalidInputException("body", "a CSV file with a header row is required");
    }
    return segments.importMembers(key, new MemberImport(csv, replacing));
  }

  @GET
  @Path("/{key}/member-counts")
  @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.INTEGRATION})
  @Operation(summary = "The member count at evenly spaced points from 'from' to 'to' (both included)")
  public List<MemberCount> memberCounts(@PathParam("key") String key,
      @Parameter(description = "ISO instant; default 30 days before 'to'") @QueryParam("from") String from,
      @Parameter(description = "ISO instant; default now") @QueryParam("to") String to,
      @Parameter(description = "2 to 500, default 31") @QueryParam("points") String points) {
    List<FieldViolation> violations = new ArrayList<>();
    Instant toInstant = instant("to", to, violations);
    Instant fromInstant = instant("from", from, violations);
    int pointCount = intParam("points", points, DEFAULT_POINTS, 2, MAX_POINTS, violations);
    if (violations.isEmpty()) {
      toInstant = toInstant == null ? Instant.now() : toInstant;
      fromInstant = fromInstant == null ? toInstant.minus(DEFAULT_PERIOD) : fromInstant;
      if (!fromInstant.isBefore(toInstant)) {
        violations.add(new FieldViolation("from", "must be before 'to'"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return segments.memberCounts(key, fromInstant, toInstant, pointCount);
  }

  /** Rejects rule members the rule records do not have, and wrong JSON types, with their paths. */
  private static void requireWellFormedRule(JsonValue rule) {
    List<FieldViolation> violations = RuleShape.violations("rule", rule, SegmentRule.class);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }

  private static JsonValue requireBody(JsonValue body) {
    if (body == null || body.getValueType() == JsonValue.ValueType.NULL) {
      throw new InvalidInputException("body", "a JSON body is required");
    }
    return body;
  }

  private static JsonObject object(JsonValue body) {
    if (!(requireBody(body) instanceof JsonObject object)) {
      throw new InvalidInputException("body", "must be a JSON object");
    }
    return object;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  static int intParam(String name, String value, int defaultValue, int min, int max,
      List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    violations.add(new FieldViolation(name, "must be a whole number from " + min + " to " + max));
    return defaultValue;
  }

  static boolean booleanParam(String name, String value, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        violations.add(new FieldViolation(name, "must be true or false"));
        yield false;
      }
    };
  }

  static Instant instant(String name, String value, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation(name, "must be an ISO instant, e.g. 2026-03-01T00:00:00Z"));
      return null;
    }
  }
}

package org.clientele.crm.rest.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.clientele.crm.api.FieldViolation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document. Besides the standard members it may carry {@code errors} (one per
 * rejected field) and {@code incident} (the id under which an unexpected failure was logged).
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors", "incident"})
public record Problem(
    String type, String title, int status, String detail, String instance, List<FieldViolation> errors,
    String incident) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

  /** A problem of the given type, with its default status. */
  public static Problem of(ProblemType type, String detail, String instance) {
    return of(type, type.status(), detail, instance);
  }

  public static Problem of(ProblemType type, int status, String detail, String instance) {
    return new Problem(type.uri().toString(), type.title(), status, detail, instance, null, null);
  }

  public Problem withErrors(List<FieldViolation> fieldErrors) {
    return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors), incident);
  }

  public Problem withIncident(String incidentId) {
    return new Problem(type, title, status, detail, instance, errors, incidentId);
  }

  public Response toResponse() {
    return Response.status(status).type(PROBLEM_JSON).entity(this).build();
  }
}

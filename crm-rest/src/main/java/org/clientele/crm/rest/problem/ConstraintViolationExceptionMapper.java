package org.clientele.crm.rest.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import org.clientele.crm.api.FieldViolation;

/** Bean Validation failures, on REST parameters or service calls, as {@code invalid-input} with field paths. */
@Provider
public class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<FieldViolation> errors = toFieldViolations(exception);
    String detail = errors.isEmpty() ? "The request has invalid values"
        : errors.size() + " invalid value(s): " + errors.stream().map(FieldViolation::field).distinct()
            .reduce((a, b) -> a + ", " + b).orElse("");
    return Problem.of(ProblemType.INVALID_INPUT, detail, Requests.path(uriInfo))
        .withErrors(errors)
        .toResponse();
  }

  static List<FieldViolation> toFieldViolations(ConstraintViolationException exception) {
    return exception.getConstraintViolations().stream()
        .map(v -> new FieldViolation(fieldPath(v), v.getMessage()))
        .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
        .toList();
  }

  /**
   * The path as a client knows it: {@code register.arg0.email} becomes {@code email}, a violation on a
   * whole parameter is named after the parameter, and container elements keep their index or key.
   */
  static String fieldPath(ConstraintViolation<?> violation) {
    StringBuilder path = new StringBuilder();
    String parameterName = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER) {
        parameterName = node.getName();
        continue;
      }
      if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
        appendIndex(path, node);
        continue;
      }
      appendIndex(path, node);
      if (path.length() > 0) {
        path.append('.');
      }
      path.append(node.getName());
    }
    if (path.length() == 0) {
      return parameterName != null ? parameterName : "request";
    }
    return path.toString();
  }

  private static void appendIndex(StringBuilder path, Path.Node node) {
    if (node.getIndex() != null) {
      path.append('[').append(node.getIndex()).append(']');
    } else if (node.getKey() != null) {
      path.append('[').append(node.getKey()).append(']');
    }
  }
}

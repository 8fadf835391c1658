package org.clientele.crm.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Failures the JAX-RS runtime raises itself (unknown path, wrong method, unsupported media type, body
 * that cannot be read, missing role) keep their status and become problems. The runtime's own messages
 * name internal classes, so the detail is ours.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException exception) {
    return map(exception, uriInfo);
  }

  static Response map(WebApplicationException exception, UriInfo uriInfo) {
    Response original = exception.getResponse();
    int status = original == null ? 500 : original.getStatus();
    if (status == 400 || status >= 500) {
      var unreadable = Failures.unreadableBody(exception);
      if (unreadable.isPresent()) {
        return Problem.of(ProblemType.MALFORMED_REQUEST, unreadable.get(), Requests.path(uriInfo)).toResponse();
      }
    }
    ProblemType type = ProblemType.ofStatus(status);
    Response.ResponseBuilder response =
        Response.fromResponse(Problem.of(type, status, detail(type), Requests.path(uriInfo)).toResponse());
    if (original != null) {
      copyHeader(original, response, HttpHeaders.ALLOW);
      copyHeader(original, response, HttpHeaders.WWW_AUTHENTICATE);
    }
    return response.build();
  }

  private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
    String value = from.getHeaderString(name);
    if (value != null) {
      to.header(name, value);
    }
  }

  private static String detail(ProblemType type) {
    return switch (type) {
      case NOT_FOUND -> "No resource exists at this path";
      case METHOD_NOT_ALLOWED -> "This resource does not support the request method; see the Allow header";
      case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json (text/csv for a segment member import)";
      case NOT_ACCEPTABLE -> "This resource produces application/json";
      case FORBIDDEN -> "This operation needs a role the authenticated user does not have";
      case UNAUTHENTICATED -> "Send credentials (a bearer token, or Basic in development)";
      default -> type.title();
    };
  }
}

package org.clientele.crm.rest.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of error the API reports, with its stable {@code type} URI, HTTP status and title.
 * Clients switch on the type, never on the title or detail. Documented in {@code docs/errors.md}.
 */
public enum ProblemType {
  INVALID_INPUT("invalid-input", 400, "The request has invalid values"),
  MALFORMED_REQUEST("malformed-request", 400, "The request body cannot be read"),
  UNAUTHENTICATED("unauthenticated", 401, "Authentication is required"),
  FORBIDDEN("forbidden", 403, "The authenticated user lacks a role this operation requires"),
  NOT_FOUND("not-found", 404, "The resource does not exist"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "The resource does not support this method"),
  NOT_ACCEPTABLE("not-acceptable", 406, "The resource cannot produce an acceptable media type"),
  CONFLICT("conflict", 409, "The request conflicts with stored data"),
  CONCURRENT_MODIFICATION("concurrent-modification", 409, "The resource was modified concurrently"),
  RECENTLY_ERASED("recently-erased", 409, "The person was erased recently; their identifiers are refused"),
  PRECONDITION_FAILED("precondition-failed", 412, "The resource has changed since the version given"),
  PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The request's media type is not supported"),
  PRECONDITION_REQUIRED("precondition-required", 428, "The request must be conditional (If-Match)"),
  INTERNAL_ERROR("internal-error", 500, "An unexpected error occurred"),
  SERVICE_UNAVAILABLE("service-unavailable", 503, "The service is temporarily unavailable"),
  HTTP_ERROR("http-error", 0, "The request failed");

  /** Problem types are URNs: stable names that do not pretend to be web pages. */
  public static final String TYPE_PREFIX = "urn:clientele:problem:";

  private final String code;
  private final int status;
  private final String title;

  ProblemType(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public URI uri() {
    return URI.create(TYPE_PREFIX + code);
  }

  /** The HTTP status; {@code 0} for {@link #HTTP_ERROR}, whose status comes from the failure. */
  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The type for a {@code CrmException} error code. */
  public static Optional<ProblemType> ofCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }

  /** The type for an HTTP status the JAX-RS runtime or the container produced. */
  public static ProblemType ofStatus(int status) {
    return switch (status) {
      case 400 -> MALFORMED_REQUEST;
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 428 -> PRECONDITION_REQUIRED;
      case 500 -> INTERNAL_ERROR;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> HTTP_ERROR;
    };
  }
}

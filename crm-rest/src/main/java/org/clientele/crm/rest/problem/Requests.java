package org.clientele.crm.rest.problem;

import jakarta.ws.rs.core.UriInfo;

/** Small helpers about the request a problem answers. */
final class Requests {

  private Requests() {}

  /** The request path (without query: it may carry personal data such as an email). */
  static String path(UriInfo uriInfo) {
    try {
      return uriInfo == null ? null : uriInfo.getAbsolutePath().getPath();
    } catch (IllegalStateException e) {
      return null; // no request in scope
    }
  }
}

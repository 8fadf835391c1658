package org.clientele.crm.rest.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.clientele.crm.api.CrmException;

/**
 * Everything else. A CRM exception wrapped by a container (EJB, transaction interceptor) is unwrapped
 * and mapped as itself; an unreadable body is a 400; anything unexpected is logged under an incident id
 * and answered with that id only: no stack trace, SQL or class name reaches the client.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable exception) {
    String path = Requests.path(uriInfo);
    var crm = Failures.causeOfType(exception, CrmException.class);
    if (crm.isPresent()) {
      return CrmExceptionMapper.toProblem(crm.get(), uriInfo).toResponse();
    }
    var web = Failures.causeOfType(exception, WebApplicationException.class);
    if (web.isPresent()) {
      return WebApplicationExceptionMapper.map(web.get(), uriInfo);
    }
    var unreadable = Failures.unreadableBody(exception);
    if (unreadable.isPresent()) {
      return Problem.of(ProblemType.MALFORMED_REQUEST, unreadable.get(), path).toResponse();
    }
    if (Failures.causeOfType(exception, OptimisticLockException.class).isPresent()) {
      return Problem.of(ProblemType.CONCURRENT_MODIFICATION,
          "Someone else changed this resource at the same time; read it again and retry", path).toResponse();
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident + " at " + path, exception);
    return Problem.of(ProblemType.INTERNAL_ERROR,
            "The failure was logged under the incident id; quote it when reporting the problem", path)
        .withIncident(incident)
        .toResponse();
  }
}

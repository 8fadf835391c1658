package org.clientele.crm.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.clientele.crm.api.CrmException;
import org.clientele.crm.api.InvalidInputException;

/** The CRM's own exceptions: their error code is the problem type, their message the detail. */
@Provider
public class CrmExceptionMapper implements ExceptionMapper<CrmException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(CrmException exception) {
    return toProblem(exception, uriInfo).toResponse();
  }

  static Problem toProblem(CrmException exception, UriInfo uriInfo) {
    ProblemType type = ProblemType.ofCode(exception.errorCode()).orElse(ProblemType.CONFLICT);
    Problem problem = Problem.of(type, exception.getMessage(), Requests.path(uriInfo));
    if (exception instanceof InvalidInputException invalid) {
      problem = problem.withErrors(invalid.violations());
    }
    return problem;
  }
}

package org.clientele.crm.rest.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Error page for statuses the web container produces before JAX-RS sees the request: above all the
 * 401 of container authentication, but also 403 and 404 outside the API. Registered in web.xml, so
 * these answers are problem documents too. The container keeps its {@code WWW-Authenticate} header.
 */
@WebServlet(name = "problem-error-page", urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends ProblemServlet {

  static final String PATH = "/problem-error";

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : response.getStatus();
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    ProblemType type = ProblemType.ofStatus(status);
    Problem problem = Problem.of(type, status, detail(type), uri == null ? null : uri.toString());
    writeProblem(response, problem);
  }

  private static String detail(ProblemType type) {
    return switch (type) {
      case UNAUTHENTICATED -> "Send credentials: a bearer token, or HTTP Basic with the development identity";
      case FORBIDDEN -> "This operation needs a role the authenticated user does not have";
      case NOT_FOUND -> "No resource exists at this path";
      default -> type.title();
    };
  }
}

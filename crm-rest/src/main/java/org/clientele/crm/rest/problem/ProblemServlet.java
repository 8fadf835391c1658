package org.clientele.crm.rest.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet outside JAX-RS that answers with problem documents (the container's error page, the webhook
 * receivers): one JSON-B for the servlet's life, and one way of writing the document.
 */
public abstract class ProblemServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private transient Jsonb jsonb;

  @Override
  public void init() {
    jsonb = JsonbBuilder.create();
  }

  @Override
  public void destroy() {
    try {
      jsonb.close();
    } catch (Exception e) {
      log("Could not close JSON-B", e);
    }
  }

  /** Answers with the problem, its status and the problem media type. */
  protected void writeProblem(HttpServletResponse response, Problem problem) throws IOException {
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(jsonb.toJson(problem));
  }
}

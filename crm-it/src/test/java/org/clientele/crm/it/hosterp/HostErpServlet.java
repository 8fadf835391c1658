package org.clientele.crm.it.hosterp;

import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.api.system.SystemStatus;

/** Looks the CRM up by its documented java:global name and reports what it answered. */
@WebServlet("/crm-status")
public class HostErpServlet extends HttpServlet {

  static final String SYSTEM_SERVICE =
      "java:global/clientele/crm-ejb/SystemServiceBean!org.clientele.crm.api.system.SystemService";

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try {
      SystemService crm = (SystemService) new InitialContext().lookup(SYSTEM_SERVICE);
      SystemStatus status = crm.status();
      response.setContentType("application/json");
      response.getWriter().write(Json.createObjectBuilder()
          .add("version", status.version())
          .add("schemaVersion", status.schemaVersion())
          .add("node", crm.nodeName())
          .build()
          .toString());
    } catch (NamingException e) {
      response.sendError(500, "lookup failed: " + e);
    }
  }
}

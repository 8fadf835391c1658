package org.clientele.crm.it.hosterp;

import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.customer.Registration;

/**
 * Registers a customer master record in-process, as the ERP would on its own transaction, then reads it
 * back by its ERP identity.
 */
@WebServlet("/register-customer")
public class HostErpCustomerServlet extends HttpServlet {

  static final String CUSTOMER_SERVICE =
      "java:global/clientele/crm-ejb/CustomerServiceBean!org.clientele.crm.api.customer.CustomerService";

  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String erpId = request.getParameter("erpId");
    String email = request.getParameter("email");
    try {
      CustomerService crm = (CustomerService) new InitialContext().lookup(CUSTOMER_SERVICE);
      Registration registration = crm.register(new NewCustomer(List.of(new ExternalIdentity("ERP", erpId)),
          "Host", "Customer", email, null, null, null, null, null, null, null, null, null));
      CustomerProfile readBack = crm.findByIdentity(new ExternalIdentity("ERP", erpId)).orElseThrow();
      response.setContentType("application/json");
      response.getWriter().write(Json.createObjectBuilder()
          .add("id", registration.profile().id())
          .add("created", registration.created())
          .add("readBackId", readBack.id())
          .add("email", readBack.email())
          .build()
          .toString());
    } catch (NamingException e) {
      response.sendError(500, "lookup failed: " + e);
    }
  }
}

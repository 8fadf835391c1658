package org.clientele.crm.it.hosterp;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.clientele.crm.api.ResourceNotFoundException;
import org.clientele.crm.api.segment.SegmentMembership;
import org.clientele.crm.api.segment.SegmentationService;

/**
 * Adds a customer to a static segment in-process, as the ERP would from its own screens, and reads the
 * membership back; also shows that a CRM exception reaches the caller unwrapped.
 */
@WebServlet("/segment-members")
public class HostErpSegmentServlet extends HttpServlet {

  static final String SEGMENTATION_SERVICE =
      "java:global/clientele/crm-ejb/SegmentationServiceBean!org.clientele.crm.api.segment.SegmentationService";

  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String key = request.getParameter("key");
    long customerId = Long.parseLong(request.getParameter("customerId"));
    try {
      SegmentationService crm = (SegmentationService) new InitialContext().lookup(SEGMENTATION_SERVICE);
      List<Long> entered = crm.addMembers(key, List.of(customerId));
      boolean unknownKeyNotFound;
      try {
        crm.find(key + "-does-not-exist");
        unknownKeyNotFound = false;
      } catch (ResourceNotFoundException e) {
        unknownKeyNotFound = true;
      }
      JsonArrayBuilder enteredIds = Json.createArrayBuilder();
      entered.forEach(enteredIds::add);
      JsonArrayBuilder segments = Json.createArrayBuilder();
      crm.segmentsOf(customerId, false).stream().map(SegmentMembership::segmentKey).forEach(segments::add);
      response.setContentType("application/json");
      response.getWriter().write(Json.createObjectBuilder()
          .add("entered", enteredIds)
          .add("member", crm.isMember(key, customerId))
          .add("memberCount", crm.find(key).memberCount())
          .add("segments", segments)
          .add("unknownKeyNotFound", unknownKeyNotFound)
          .build()
          .toString());
    } catch (NamingException e) {
      response.sendError(500, "lookup failed: " + e);
    }
  }
}

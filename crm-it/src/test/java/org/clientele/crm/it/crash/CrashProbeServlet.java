package org.clientele.crm.it.crash;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@code POST /erp?run=R&customers=N}: sends 2·N customer master records to {@code jms/erp/customers.in}, for each
 * customer {@code CR-R-i} first {@code cr-R-i-a} (given name First) then {@code cr-R-i-b} (given name Second).
 * {@code GET /drain?queue=Q}: receives every message waiting on queue Q and returns them as a JSON array of
 * {@code {"id", "key", "type", "body"}} (the relay's headers CrmOutboxMessageId, CrmOrderingKey, CrmMessageType);
 * 400 without a queue (the test's "deployed" probe).
 */
@WebServlet({"/erp", "/drain"})
public class CrashProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String run = request.getParameter("run");
    int customers = Integer.parseInt(request.getParameter("customers"));
    try (JMSContext jms = factory().createContext()) {
      Queue queue = (Queue) new InitialContext().lookup("jms/erp/customers.in");
      JMSProducer producer = jms.createProducer();
      for (int i = 0; i < customers; i++) {
        producer.send(queue, master(run, i, "a", "First"));
        producer.send(queue, master(run, i, "b", "Second"));
      }
      response.setStatus(202);
    } catch (NamingException e) {
      response.sendError(500, "lookup failed: " + e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String queue = request.getParameter("queue");
    if (queue == null || !"/drain".equals(request.getServletPath())) {
      response.sendError(400, "GET /drain?queue=...");
      return;
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    try (JMSContext jms = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
      JMSConsumer consumer = jms.createConsumer(jms.createQueue(queue));
      for (Message m = consumer.receive(2000); m != null; m = consumer.receive(1000)) {
        items.add(Json.createObjectBuilder()
            .add("id", String.valueOf(m.getObjectProperty("CrmOutboxMessageId")))
            .add("key", String.valueOf(m.getObjectProperty("CrmOrderingKey")))
            .add("type", String.valueOf(m.getObjectProperty("CrmMessageType")))
            .add("body", m instanceof TextMessage text ? text.getText() : String.valueOf(m.getBody(Object.class))));
      }
    } catch (NamingException | JMSException e) {
      response.sendError(500, "drain failed: " + e);
      return;
    }
    response.setContentType("application/json");
    response.getWriter().write(items.build().toString());
  }

  private static String master(String run, int i, String step, String givenName) {
    return """
        {"messageId":"cr-%1$s-%2$d-%3$s","erpCustomerId":"CR-%1$s-%2$d","givenName":"%4$s","familyName":"Crash",
         "email":"cr.%1$s.%2$d@example.com"}""".formatted(run, i, step, givenName);
  }

  private static ConnectionFactory factory() throws NamingException {
    return (ConnectionFactory) new InitialContext().lookup("jms/clienteleCF");
  }
}

package org.clientele.crm.it.erpjms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Sends the posted body as a text message to {@code jms/erp/<queue>.in} through {@code jms/clienteleCF}, as the
 * host ERP would: the query parameter {@code queue} is {@code customers} (the default), {@code orders} or
 * {@code consents}; {@code messageId} and {@code correlationId}, if given, become the JMS properties
 * {@code messageId} and {@code CrmCorrelationId}.
 */
@WebServlet("/send")
public class ErpQueueServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Set<String> QUEUES = Set.of("customers", "orders", "consents");

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      InitialContext jndi = new InitialContext();
      ConnectionFactory factory = (ConnectionFactory) jndi.lookup("jms/clienteleCF");
      String name = request.getParameter("queue") == null ? "customers" : request.getParameter("queue");
      if (!QUEUES.contains(name)) {
        response.sendError(400, "queue must be one of " + QUEUES);
        return;
      }
      Queue queue = (Queue) jndi.lookup("jms/erp/" + name + ".in");
      try (JMSContext jms = factory.createContext()) {
        JMSProducer producer = jms.createProducer();
        String messageId = request.getParameter("messageId");
        if (messageId != null) {
          producer.setProperty("messageId", messageId);
        }
        String correlationId = request.getParameter("correlationId");
        if (correlationId != null) {
          producer.setProperty("CrmCorrelationId", correlationId);
        }
        producer.send(queue, jms.createTextMessage(body));
      }
      response.setStatus(202);
    } catch (NamingException e) {
      response.sendError(500, "lookup failed: " + e);
    }
  }
}

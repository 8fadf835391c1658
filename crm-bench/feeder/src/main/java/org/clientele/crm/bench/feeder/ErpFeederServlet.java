package org.clientele.crm.bench.feeder;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The host ERP of IntegrationBenchmark, in the CRM's server:
 *
 * <ul>
 *   <li>{@code POST /feed?count=N&seed=S&offset=0&batch=100}: generates N canonical {@code customer.master}
 *       messages (message id and ERP id {@code S-i}, email {@code S.i@bench.example}) and sends them, persistent,
 *       to {@code jms/erp/customers.in} through {@code jms/clienteleCF} on one session as fast as it can, committing
 *       every {@code batch} messages in a user transaction ({@code batch=1}: no transaction, one send each).
 *       Answers {@code sent millis} when all are sent.
 *   <li>{@code POST /changes?action=start|stop}: subscribes to (or leaves) the topic {@code
 *       jms/erp/customer-changes.out} on a managed thread that records, per message received, the receive time,
 *       the message's {@code occurredAt} and its {@code JMSTimestamp} (epoch milliseconds).
 *   <li>{@code GET /changes?from=K}: those records from the K-th on, one {@code received,occurred,sent,type} line
 *       each; the first line is the total count.
 * </ul>
 *
 * <p>The subscription is not durable: start it before the changes of interest are made.
 */
@WebServlet(urlPatterns = {"/feed", "/changes"})
public class ErpFeederServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ErpFeederServlet.class.getName());

  private transient Thread listener;
  private volatile boolean listening;
  private long[] received = new long[1 << 16];
  private long[] occurred = new long[1 << 16];
  private long[] sent = new long[1 << 16];
  private String[] types = new String[1 << 16];
  private int count;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try {
      if (request.getServletPath().equals("/feed")) {
        feed(request, response);
      } else if ("stop".equals(request.getParameter("action"))) {
        stopListening();
        response.setStatus(204);
      } else {
        startListening();
        response.setStatus(204);
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Feeder request failed", e);
      response.sendError(500, e.toString());
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    int from = request.getParameter("from") == null ? 0 : Integer.parseInt(request.getParameter("from"));
    response.setContentType("text/plain");
    StringBuilder out = new StringBuilder();
    synchronized (this) {
      out.append(count).append('\n');
      for (int i = from; i < count; i++) {
        out.append(received[i]).append(',').append(occurred[i]).append(',').append(sent[i]).append(',')
            .append(types[i]).append('\n');
      }
    }
    try (PrintWriter writer = response.getWriter()) {
      writer.write(out.toString());
    }
  }

  private void feed(HttpServletRequest request, HttpServletResponse response) throws Exception {
    int total = Integer.parseInt(request.getParameter("count"));
    int offset = request.getParameter("offset") == null ? 0 : Integer.parseInt(request.getParameter("offset"));
    int batch = request.getParameter("batch") == null ? 100 : Integer.parseInt(request.getParameter("batch"));
    String seed = request.getParameter("seed");
    InitialContext jndi = new InitialContext();
    ConnectionFactory factory = (ConnectionFactory) jndi.lookup("jms/clienteleCF");
    Queue queue = (Queue) jndi.lookup("jms/erp/customers.in");
    UserTransaction tx = (UserTransaction) jndi.lookup("java:comp/UserTransaction");
    long start = System.nanoTime();
    if (batch <= 1) {
      try (JMSContext jms = factory.createContext()) {
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = offset; i < offset + total; i++) {
          producer.send(queue, jms.createTextMessage(message(seed, i)));
        }
      }
    } else {
      for (int first = offset; first < offset + total; first += batch) {
        tx.begin();
        try (JMSContext jms = factory.createContext()) {
          JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
          for (int i = first; i < Math.min(first + batch, offset + total); i++) {
            producer.send(queue, jms.createTextMessage(message(seed, i)));
          }
        } catch (RuntimeException e) {
          tx.rollback();
          throw e;
        }
        tx.commit();
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    response.setContentType("text/plain");
    try (PrintWriter writer = response.getWriter()) {
      writer.write(total + " " + millis + "\n");
    }
  }

  /** A canonical customer.master record (docs/integration/erp.md). */
  static String message(String seed, int i) {
    return "{\"messageId\":\"" + seed + "-" + i + "\",\"erpCustomerId\":\"" + seed + "-" + i
        + "\",\"givenName\":\"Given" + i + "\",\"familyName\":\"Family" + i + "\",\"email\":\"" + seed + "." + i
        + "@bench.example\",\"tags\":[\"bench\"],\"changedAt\":\"" + Instant.now() + "\"}";
  }

  private synchronized void startListening() throws NamingException {
    if (listener != null) {
      return;
    }
    InitialContext jndi = new InitialContext();
    ConnectionFactory factory = (ConnectionFactory) jndi.lookup("jms/clienteleCF");
    Topic topic = (Topic) jndi.lookup("jms/erp/customer-changes.out");
    ManagedThreadFactory threads = (ManagedThreadFactory) jndi.lookup("java:comp/DefaultManagedThreadFactory");
    listening = true;
    Object subscribed = new Object();
    boolean[] ready = {false};
    listener = threads.newThread(() -> {
      try (JMSContext jms = factory.createContext(JMSContext.DUPS_OK_ACKNOWLEDGE);
          JMSConsumer consumer = jms.createConsumer(topic)) {
        synchronized (subscribed) {
          ready[0] = true;
          subscribed.notifyAll();
        }
        while (listening) {
          Message message = consumer.receive(500);
          if (message != null) {
            record(System.currentTimeMillis(), message);
          }
        }
      } catch (RuntimeException | JMSException e) {
        LOG.log(Level.WARNING, "Feeder listener stopped", e);
      } finally {
        synchronized (subscribed) {
          ready[0] = true;
          subscribed.notifyAll();
        }
      }
    });
    listener.setName("crm-bench-feeder-listener");
    listener.start();
    synchronized (subscribed) {
      while (!ready[0]) {
        try {
          subscribed.wait(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void stopListening() throws InterruptedException {
    Thread running;
    synchronized (this) {
      running = listener;
      listener = null;
      listening = false;
    }
    if (running != null) {
      running.join(5_000);
    }
  }

  private void record(long at, Message message) throws JMSException {
    String body = message instanceof TextMessage text ? text.getText() : "";
    long occurredAt = 0;
    int start = body.indexOf("\"occurredAt\":\"");
    if (start >= 0) {
      start += 14;
      occurredAt = Instant.parse(body.substring(start, body.indexOf('"', start))).toEpochMilli();
    }
    String type = message.getStringProperty("CrmMessageType");
    synchronized (this) {
      if (count == received.length) {
        received = Arrays.copyOf(received, count * 2);
        occurred = Arrays.copyOf(occurred, count * 2);
        sent = Arrays.copyOf(sent, count * 2);
        types = Arrays.copyOf(types, count * 2);
      }
      received[count] = at;
      occurred[count] = occurredAt;
      sent[count] = message.getJMSTimestamp();
      types[count] = type;
      count++;
    }
  }

  @Override
  public void destroy() {
    listening = false;
  }
}

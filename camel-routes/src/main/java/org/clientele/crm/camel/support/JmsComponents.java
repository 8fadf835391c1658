package org.clientele.crm.camel.support;

import jakarta.jms.ConnectionFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;

/**
 * The {@code jms} component on the server's messaging, shared by every route with a {@code jms:} endpoint (ERP
 * queues in, the ERP topic out). Registered by the first route builder that needs it.
 */
public final class JmsComponents {

  /** JNDI name of the connection factory ({@code jms/clienteleCF} unless configured). */
  public static final String CONNECTION_FACTORY_KEY = "crm.erp.jms.connection-factory";
  /**
   * JNDI name of what runs the listeners: a managed thread factory (the default, {@code
   * java:comp/DefaultManagedThreadFactory}: a thread of its own per listener) or a managed executor.
   */
  public static final String EXECUTOR_KEY = "crm.erp.jms.executor";

  private JmsComponents() {}

  /** Registers the {@code jms} component unless the context has one, if the URI needs it. */
  public static synchronized void ensureFor(CamelContext camel, String uri) throws NamingException {
    if (uri.startsWith("jms:") && camel.hasComponent("jms") == null) {
      camel.addComponent("jms", create(camel));
    }
  }

  /**
   * The JMS component on the server's connection factory (JNDI, {@value #CONNECTION_FACTORY_KEY}), with its
   * listener threads made by the server's managed thread factory, so that they run with the application's context.
   * Not on the managed executor: a listener holds its thread for as long as the route runs, and Liberty's default
   * executor, which also serves HTTP requests, starts with a few threads per core (on two cores, three listeners
   * and a long backfill held all four, and REST requests waited past their timeouts).
   *
   * <p>Consumers receive in a local JMS transaction (transacted, no transaction manager: the listener container
   * commits the session after the route completed and rolls it back when the exchange failed). A message whose
   * route fails without handling it (say, the database is down while parking a dead letter) therefore stays on
   * the queue, and the engine redelivers it (see the queue's redelivery in {@code messaging/embedded.xml}); a
   * server crash before the commit means a redelivery too. The inbound ledger makes redeliveries harmless. Verified
   * on Liberty's embedded engine: it honours a local transacted session on these (non-JTA) listener threads,
   * whereas {@code CLIENT_ACKNOWLEDGE} with the container's {@code session.recover()} lost the failed message.
   */
  private static JmsComponent create(CamelContext camel) throws NamingException {
    String factoryName = camel.resolvePropertyPlaceholders("{{" + CONNECTION_FACTORY_KEY + ":jms/clienteleCF}}");
    String executorName =
        camel.resolvePropertyPlaceholders("{{" + EXECUTOR_KEY + ":java:comp/DefaultManagedThreadFactory}}");
    InitialContext jndi = new InitialContext();
    JmsComponent jms = new JmsComponent();
    jms.setConnectionFactory((ConnectionFactory) jndi.lookup(factoryName));
    jms.getConfiguration().setTaskExecutor(listenerRunner(jndi.lookup(executorName), executorName)::execute);
    jms.getConfiguration().setTransacted(true);
    jms.getConfiguration().setLazyCreateTransactionManager(false);
    return jms;
  }

  /** A thread of its own per listener task from a thread factory, or the executor as it is. */
  static Executor listenerRunner(Object found, String name) {
    if (found instanceof ThreadFactory threads) {
      AtomicInteger count = new AtomicInteger();
      return task -> {
        Thread thread = threads.newThread(task);
        thread.setName("clientele-jms-listener-" + count.incrementAndGet());
        thread.start();
      };
    }
    if (found instanceof Executor executor) {
      return executor;
    }
    throw new IllegalStateException(name + " (" + EXECUTOR_KEY + ") is neither a thread factory nor an executor");
  }
}

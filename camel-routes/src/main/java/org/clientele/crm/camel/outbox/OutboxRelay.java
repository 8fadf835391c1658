package org.clientele.crm.camel.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.clientele.crm.api.integration.Outbox;
import org.clientele.crm.api.integration.OutboxMessage;
import org.clientele.crm.api.integration.RetryPolicy;

/**
 * One relay pass for one target: claims the due messages (the oldest of each ordering key), sends each to the
 * target endpoint with its ids as headers, and settles it: delivered, or failed and retried later (parked as a
 * dead letter once the policy gives up). A message that fails does not stop the others of the pass; the next
 * message of its own key waits behind it, since only a key's oldest message is ever claimed. A
 * {@link PermanentDeliveryException} parks the message at once (no retry can help). With an executor, the
 * messages of a pass are delivered in parallel: they all have different keys, so the order per key holds.
 */
public final class OutboxRelay {

  /** Headers every delivered message carries, so that the target can deduplicate (delivery is at least once). */
  public static final String MESSAGE_ID = "CrmOutboxMessageId";
  public static final String MESSAGE_TYPE = "CrmMessageType";
  public static final String ORDERING_KEY = "CrmOrderingKey";
  public static final String CORRELATION_ID = "CrmCorrelationId";

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

  private final Outbox outbox;
  private final String target;
  private final String relay;
  private final int batch;
  private final Duration lease;
  private final RetryPolicy policy;

  public OutboxRelay(Outbox outbox, String target, String relay, int batch, Duration lease, RetryPolicy policy) {
    this.outbox = outbox;
    this.target = target;
    this.relay = relay;
    this.batch = batch;
    this.lease = lease;
    this.policy = policy;
  }

  /**
   * Passes again at once while a pass delivered a full batch, up to {@code maxPasses}: a backlog then drains at
   * the relay's own speed instead of one batch per poll (with the defaults, 100 per second at most; measured in
   * docs/performance.md, issue 6). Bounded, so that a poll ends and the timer goes on.
   *
   * @return how many messages were delivered
   */
  public int drain(ProducerTemplate producer, String endpointUri, int maxPasses) {
    int total = 0;
    for (int pass = 0; pass < maxPasses; pass++) {
      int delivered = pass(producer, endpointUri);
      total += delivered;
      if (delivered < batch) {
        break;
      }
    }
    return total;
  }

  /** One pass; returns how many messages were delivered. */
  public int pass(ProducerTemplate producer, String endpointUri) {
    return pass(producer, endpointUri, null);
  }

  /**
   * One pass, delivering the claimed messages in parallel on {@code executor} (null: one after another);
   * returns how many messages were delivered.
   */
  public int pass(ProducerTemplate producer, String endpointUri, ExecutorService executor) {
    List<OutboxMessage> claimed = outbox.claim(target, relay, batch, lease);
    int delivered = 0;
    if (executor == null) {
      for (OutboxMessage m : claimed) {
        delivered += deliver(producer, endpointUri, m) ? 1 : 0;
      }
      return delivered;
    }
    List<Future<Boolean>> deliveries = new ArrayList<>();
    for (OutboxMessage m : claimed) {
      deliveries.add(executor.submit(() -> deliver(producer, endpointUri, m)));
    }
    for (Future<Boolean> delivery : deliveries) {
      try {
        delivered += delivery.get() ? 1 : 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break; // the claims expire; the messages are delivered again later
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.warning(() -> "Outbox delivery to " + target + " failed unexpectedly: " + e.getCause());
      }
    }
    return delivered;
  }

  private boolean deliver(ProducerTemplate producer, String endpointUri, OutboxMessage m) {
    try {
      Exchange result = producer.send(endpointUri, exchange -> {
        exchange.getMessage().setBody(m.payload());
        exchange.getMessage().setHeader(MESSAGE_ID, m.id());
        exchange.getMessage().setHeader(MESSAGE_TYPE, m.messageType());
        exchange.getMessage().setHeader(ORDERING_KEY, m.orderingKey());
        exchange.getMessage().setHeader(CORRELATION_ID, m.correlationId());
        if (endpointUri.startsWith("jms:")) {
          // also where JMS tools look for it (the JMS correlation id), besides the property CrmCorrelationId
          exchange.getMessage().setHeader("JMSCorrelationID", m.correlationId());
        }
      });
      if (result.getException() != null) {
        throw result.getException();
      }
      outbox.delivered(m.id(), relay);
      return true;
    } catch (Exception e) {
      PermanentDeliveryException permanent = permanent(e);
      String reason = permanent != null ? permanent.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
      boolean parked = outbox.failed(m.id(), relay, reason, permanent != null ? PARK_NOW : policy);
      // ids and types only: payloads hold personal data
      LOG.warning(() -> "Delivery of outbox message " + m.id() + " (" + m.messageType() + ", correlation "
          + m.correlationId() + ") to " + target + " failed, attempt " + (m.attempts() + 1)
          + (parked ? "; parked as a dead letter" : "; will retry") + ": " + e.getClass().getSimpleName());
      return false;
    }
  }

  /** Parks at the first failure. */
  private static final RetryPolicy PARK_NOW = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  private static PermanentDeliveryException permanent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PermanentDeliveryException p) {
        return p;
      }
    }
    return null;
  }
}

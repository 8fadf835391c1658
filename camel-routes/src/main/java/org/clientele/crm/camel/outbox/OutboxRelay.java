package org.clientele.crm.camel.outbox;

import java.time.Duration;
import java.util.List;
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
 * message of its own key waits behind it, since only a key's oldest message is ever claimed.
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
    List<OutboxMessage> claimed = outbox.claim(target, relay, batch, lease);
    int delivered = 0;
    for (OutboxMessage m : claimed) {
      try {
        Exchange result = producer.send(endpointUri, exchange -> {
          exchange.getMessage().setBody(m.payload());
          exchange.getMessage().setHeader(MESSAGE_ID, m.id());
          exchange.getMessage().setHeader(MESSAGE_TYPE, m.messageType());
          exchange.getMessage().setHeader(ORDERING_KEY, m.orderingKey());
          exchange.getMessage().setHeader(CORRELATION_ID, m.correlationId());
        });
        if (result.getException() != null) {
          throw result.getException();
        }
        outbox.delivered(m.id(), relay);
        delivered++;
      } catch (Exception e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean parked = outbox.failed(m.id(), relay, reason, policy);
        // ids and types only: payloads hold personal data
        LOG.warning(() -> "Delivery of outbox message " + m.id() + " (" + m.messageType() + ", correlation "
            + m.correlationId() + ") to " + target + " failed, attempt " + (m.attempts() + 1)
            + (parked ? "; parked as a dead letter" : "; will retry") + ": " + e.getClass().getSimpleName());
      }
    }
    return delivered;
  }
}

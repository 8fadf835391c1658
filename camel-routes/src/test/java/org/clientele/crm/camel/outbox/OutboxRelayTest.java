package org.clientele.crm.camel.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.api.integration.Outbox;
import org.clientele.crm.api.integration.OutboxMessage;
import org.clientele.crm.api.integration.OutboxStatus;
import org.clientele.crm.api.integration.RetryPolicy;
import org.junit.jupiter.api.Test;

/**
 * The relay against a target that goes down and comes back: messages wait, nothing is lost, each key's
 * messages arrive in order, exhausted ones are parked. The outbox here keeps the contract of the database one
 * (oldest message per key only; its own tests are in crm-impl) without the time-based backoff.
 */
class OutboxRelayTest {

  @Test
  void aTargetThatIsDownHoldsMessagesBackAndGetsThemAllInOrderPerKeyOnceItIsBack() throws Exception {
    MemoryOutbox outbox = new MemoryOutbox();
    for (int i = 0; i < 5; i++) {
      outbox.enqueue(new NewOutboxMessage("erp", "customer.changed", "c" + (i % 2), "m" + i, null));
    }
    AtomicBoolean down = new AtomicBoolean(true);
    List<String> received = new ArrayList<>();
    try (CamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("direct:erp").process(exchange -> {
            if (down.get()) {
              throw new IllegalStateException("connection refused");
            }
            received.add(exchange.getMessage().getHeader(OutboxRelay.ORDERING_KEY) + ":"
                + exchange.getMessage().getBody(String.class));
          });
        }
      });
      camel.start();
      ProducerTemplate producer = camel.createProducerTemplate();
      OutboxRelay relay = new OutboxRelay(outbox, "erp", "test", 100, Duration.ofMinutes(1),
          new RetryPolicy(10, Duration.ZERO, Duration.ZERO));

      assertThat(relay.pass(producer, "direct:erp")).isZero();
      assertThat(relay.pass(producer, "direct:erp")).isZero();
      assertThat(outbox.waiting()).hasSize(5);

      down.set(false);
      int delivered = 0;
      for (int pass = 0; pass < 5 && !outbox.waiting().isEmpty(); pass++) {
        delivered += relay.pass(producer, "direct:erp");
      }
      assertThat(delivered).isEqualTo(5);
      assertThat(received.stream().filter(r -> r.startsWith("c0:"))).containsExactly("c0:m0", "c0:m2", "c0:m4");
      assertThat(received.stream().filter(r -> r.startsWith("c1:"))).containsExactly("c1:m1", "c1:m3");
      assertThat(outbox.parked).isEmpty();
    }
  }

  @Test
  void drainPassesAgainWhileBatchesAreFullUpToItsBound() throws Exception {
    MemoryOutbox outbox = new MemoryOutbox();
    for (int i = 0; i < 25; i++) {
      outbox.enqueue(new NewOutboxMessage("erp", "customer.changed", "c" + i, "m" + i, null));
    }
    try (CamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("direct:erp").process(exchange -> { });
        }
      });
      camel.start();
      ProducerTemplate producer = camel.createProducerTemplate();
      OutboxRelay relay = new OutboxRelay(outbox, "erp", "test", 10, Duration.ofMinutes(1),
          new RetryPolicy(10, Duration.ZERO, Duration.ZERO));

      assertThat(relay.drain(producer, "direct:erp", 2)).as("two full batches, then the bound").isEqualTo(20);
      assertThat(outbox.waiting()).hasSize(5);
      assertThat(relay.drain(producer, "direct:erp", 50)).as("stops at the first batch that is not full").isEqualTo(5);
      assertThat(relay.drain(producer, "direct:erp", 50)).isZero();
    }
  }

  @Test
  void exhaustedMessagesAreParkedAndTheNextOfTheirKeyGoesAhead() throws Exception {
    MemoryOutbox outbox = new MemoryOutbox();
    outbox.enqueue(new NewOutboxMessage("erp", "customer.changed", "c0", "poison", null));
    outbox.enqueue(new NewOutboxMessage("erp", "customer.changed", "c0", "fine", null));
    List<String> received = new ArrayList<>();
    try (CamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("direct:erp").process(exchange -> {
            String body = exchange.getMessage().getBody(String.class);
            if (body.equals("poison")) {
              throw new IllegalArgumentException("400 Bad Request");
            }
            received.add(body);
          });
        }
      });
      camel.start();
      ProducerTemplate producer = camel.createProducerTemplate();
      OutboxRelay relay = new OutboxRelay(outbox, "erp", "test", 100, Duration.ofMinutes(1),
          new RetryPolicy(3, Duration.ZERO, Duration.ZERO));
      for (int pass = 0; pass < 5; pass++) {
        relay.pass(producer, "direct:erp");
      }
      assertThat(outbox.parked).containsExactly("poison");
      assertThat(received).containsExactly("fine");
      assertThat(outbox.waiting()).isEmpty();
    }
  }

  @Test
  void aPermanentFailureIsParkedAtOnceWithItsReasonAndTheNextOfItsKeyGoesAhead() throws Exception {
    MemoryOutbox outbox = new MemoryOutbox();
    outbox.enqueue(new NewOutboxMessage("email", "member.changed", "c0", "refused", null));
    outbox.enqueue(new NewOutboxMessage("email", "member.changed", "c0", "fine", null));
    List<String> received = new ArrayList<>();
    try (CamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("direct:email").process(exchange -> {
            String body = exchange.getMessage().getBody(String.class);
            if (body.equals("refused")) {
              throw new PermanentDeliveryException("HTTP 400 from target: Invalid Resource");
            }
            received.add(body);
          });
        }
      });
      camel.start();
      OutboxRelay relay = new OutboxRelay(outbox, "email", "test", 100, Duration.ofMinutes(1),
          new RetryPolicy(10, Duration.ZERO, Duration.ZERO));
      relay.pass(camel.createProducerTemplate(), "direct:email");
      assertThat(outbox.parked).as("no retries for a permanent refusal").containsExactly("refused");
      assertThat(outbox.reasons).containsExactly("HTTP 400 from target: Invalid Resource");
      relay.pass(camel.createProducerTemplate(), "direct:email");
      assertThat(received).containsExactly("fine");
    }
  }

  @Test
  void aParallelPassDeliversEveryKeyOnItsExecutorWithinItsThreads() throws Exception {
    MemoryOutbox outbox = new MemoryOutbox();
    for (int i = 0; i < 20; i++) {
      outbox.enqueue(new NewOutboxMessage("email", "member.changed", "c" + (i % 10), "m" + i, null));
    }
    java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch firstThree = new java.util.concurrent.CountDownLatch(3);
    List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try (CamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("direct:email").process(exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            firstThree.countDown();
            firstThree.await(5, java.util.concurrent.TimeUnit.SECONDS); // the first three meet: parallel indeed
            received.add(exchange.getMessage().getHeader(OutboxRelay.ORDERING_KEY) + ":"
                + exchange.getMessage().getBody(String.class));
            inFlight.decrementAndGet();
          });
        }
      });
      camel.start();
      OutboxRelay relay = new OutboxRelay(outbox, "email", "test", 100, Duration.ofMinutes(1),
          new RetryPolicy(10, Duration.ZERO, Duration.ZERO));
      assertThat(relay.pass(camel.createProducerTemplate(), "direct:email", pool)).isEqualTo(10);
      assertThat(relay.pass(camel.createProducerTemplate(), "direct:email", pool)).isEqualTo(10);
      assertThat(maxInFlight.get()).isEqualTo(3);
      assertThat(received.stream().filter(r -> r.startsWith("c3:"))).containsExactly("c3:m3", "c3:m13");
      assertThat(outbox.waiting()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  /** The outbox contract in memory: ids in order, only each key's oldest message claimable, attempts counted. */
  static final class MemoryOutbox implements Outbox {
    private final Map<Long, OutboxMessage> messages = new TreeMap<>();
    final List<String> parked = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    private long next = 1;

    @Override
    public synchronized long enqueue(NewOutboxMessage m) {
      long id = next++;
      messages.put(id, new OutboxMessage(id, m.target(), m.messageType(), m.orderingKey(), m.payload(), "corr-" + id,
          java.time.Instant.now(), 0, null));
      return id;
    }

    @Override
    public synchronized List<OutboxMessage> claim(String target, String relay, int limit, Duration lease) {
      Set<String> keys = new HashSet<>();
      List<OutboxMessage> claimed = new ArrayList<>();
      for (OutboxMessage m : messages.values()) {
        if (m.target().equals(target) && keys.add(m.orderingKey()) && claimed.size() < limit) {
          claimed.add(m);
        }
      }
      return claimed;
    }

    @Override
    public synchronized void delivered(long id, String relay) {
      messages.remove(id);
    }

    @Override
    public synchronized boolean failed(long id, String relay, String error, RetryPolicy policy) {
      OutboxMessage m = messages.get(id);
      int attempts = m.attempts() + 1;
      if (attempts >= policy.maxAttempts()) {
        messages.remove(id);
        parked.add(m.payload());
        reasons.add(error);
        return true;
      }
      messages.put(id, new OutboxMessage(id, m.target(), m.messageType(), m.orderingKey(), m.payload(),
          m.correlationId(), m.createdAt(), attempts, error));
      return false;
    }

    @Override
    public synchronized List<OutboxStatus> status() {
      return List.of();
    }

    synchronized List<OutboxMessage> waiting() {
      return messages.values().stream().sorted(Comparator.comparingLong(OutboxMessage::id)).toList();
    }
  }
}

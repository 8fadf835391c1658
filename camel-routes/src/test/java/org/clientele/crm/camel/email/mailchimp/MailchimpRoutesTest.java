package org.clientele.crm.camel.email.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.clientele.crm.api.integration.NewOutboxMessage;
import org.clientele.crm.api.integration.Outbox;
import org.clientele.crm.api.integration.OutboxMessage;
import org.clientele.crm.api.integration.OutboxStatus;
import org.clientele.crm.api.integration.RetryPolicy;
import org.clientele.crm.api.system.NodeStatus;
import org.clientele.crm.api.system.SystemService;
import org.clientele.crm.api.system.SystemStatus;
import org.clientele.crm.camel.email.mailchimp.MailchimpMemberAdapterTest.MemoryRegistry;
import org.clientele.crm.camel.support.SharedRouteConfiguration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** The routes' wiring: off by default, a clear error without a key, and outbox messages reaching Mailchimp. */
class MailchimpRoutesTest {

  private static final String KEY = "routes0123-us21";

  @Test
  void offByDefaultNoRoutesAndNoKeyNeeded() throws Exception {
    try (CamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(new MailchimpRoutes(new OneShotOutbox(), new MapConfig(Map.of()), new Node(),
          new MemoryRegistry()));
      assertThat(camel.getRoutes()).isEmpty();
    }
  }

  @Test
  void onWithoutAKeyFailsClearly() throws Exception {
    try (CamelContext camel = new DefaultCamelContext()) {
      assertThatThrownBy(() -> camel.addRoutes(new MailchimpRoutes(new OneShotOutbox(),
          new MapConfig(Map.of("crm.email.mailchimp.enabled", "true")), new Node(), new MemoryRegistry())))
          .hasMessageContaining("crm.email.mailchimp.api-key is required");
    }
  }

  @Test
  void outboxMessagesReachMailchimpAndRefusalsAreParkedAtOnce() throws Exception {
    try (MailchimpPeer peer = MailchimpPeer.start(0, KEY); CamelContext camel = new DefaultCamelContext()) {
      OneShotOutbox outbox = new OneShotOutbox();
      outbox.add("member.changed", """
          {"customerId":7,"email":"ann@example.com","consent":{"status":"GRANTED","decidedAt":"%s"},
           "fields":{"givenName":"Ann"}}""".formatted(Instant.now()));
      outbox.add("member.changed", """
          {"customerId":8,"email":"bob@fake.example","consent":{"status":"GRANTED","decidedAt":"%s"}}"""
          .formatted(Instant.now()));
      Map<String, String> config = new HashMap<>();
      config.put("crm.email.mailchimp.enabled", "true");
      config.put("crm.email.mailchimp.api-key", KEY);
      config.put("crm.email.mailchimp.list-id", "L1");
      config.put("crm.email.mailchimp.base-url", peer.baseUrl());
      camel.getPropertiesComponent().addInitialProperty("crm.email.mailchimp.out.poll-ms", "50");
      camel.addRoutes(new SharedRouteConfiguration());
      camel.addRoutes(new MailchimpRoutes(outbox, new MapConfig(config), new Node(), new MemoryRegistry()));
      camel.start();

      assertThat(outbox.settled.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(peer.member("L1", "ann@example.com")).hasValueSatisfying(m -> {
        assertThat(m.status()).isEqualTo("subscribed");
        assertThat(m.mergeFields()).containsEntry("FNAME", "Ann");
      });
      assertThat(outbox.parked).singleElement().asString().contains("HTTP 400").contains("Invalid Resource");
    }
  }

  /** Messages delivered or parked once; counts down when all are settled. */
  static final class OneShotOutbox implements Outbox {
    private final List<OutboxMessage> waiting = new ArrayList<>();
    final List<String> parked = new ArrayList<>();
    CountDownLatch settled = new CountDownLatch(0);

    synchronized void add(String type, String payload) {
      long id = waiting.size() + 1;
      waiting.add(new OutboxMessage(id, "email", type, "k" + id, payload, "corr-" + id, Instant.now(), 0, null));
      settled = new CountDownLatch(waiting.size());
    }

    @Override
    public long enqueue(NewOutboxMessage message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public synchronized List<OutboxMessage> claim(String target, String relay, int limit, Duration lease) {
      List<OutboxMessage> claimed = List.copyOf(waiting);
      return claimed;
    }

    @Override
    public synchronized void delivered(long id, String relay) {
      waiting.removeIf(m -> m.id() == id);
      settled.countDown();
    }

    @Override
    public synchronized boolean failed(long id, String relay, String error, RetryPolicy policy) {
      if (policy.maxAttempts() == 1) {
        waiting.removeIf(m -> m.id() == id);
        parked.add(error);
        settled.countDown();
        return true;
      }
      return false;
    }

    @Override
    public List<OutboxStatus> status() {
      return List.of();
    }
  }

  static final class Node implements SystemService {
    @Override
    public SystemStatus status() {
      throw new UnsupportedOperationException();
    }

    @Override
    public NodeStatus recordHeartbeat() {
      throw new UnsupportedOperationException();
    }

    @Override
    public String nodeName() {
      return "test-node";
    }
  }

  /** MicroProfile Config over a map (what MailchimpRoutes reads). */
  static final class MapConfig implements Config {
    private final Map<String, String> values;

    MapConfig(Map<String, String> values) {
      this.values = values;
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
      return getOptionalValue(name, type).orElseThrow();
    }

    @Override
    public ConfigValue getConfigValue(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
      String value = values.get(name);
      if (value == null) {
        return Optional.empty();
      }
      Object converted = type == Integer.class ? Integer.valueOf(value)
          : type == Boolean.class ? Boolean.valueOf(value) : value;
      return Optional.of(type.cast(converted));
    }

    @Override
    public Iterable<String> getPropertyNames() {
      return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
      return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
      return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new UnsupportedOperationException();
    }
  }
}

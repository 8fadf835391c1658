package org.clientele.crm.impl.metrics;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.clientele.crm.api.integration.DeadLetterService;
import org.clientele.crm.api.integration.DeadLetterStatus;
import org.clientele.crm.api.integration.Outbox;
import org.clientele.crm.api.integration.OutboxStatus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The integrations' backlog as gauges, read from the database at most every few seconds:
 * {@code crm_outbox_pending{target}}, {@code crm_outbox_lag_seconds{target}} (age of the oldest waiting
 * message, 0 when none) and {@code crm_dead_letters_parked{system}}, for the systems of
 * {@code crm.integration.systems}.
 */
@ApplicationScoped
public class IntegrationMetrics {

  private static final Duration CACHE = Duration.ofSeconds(5);

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @Inject
  @ConfigProperty(name = "crm.integration.systems", defaultValue = "erp,store,email")
  List<String> systems;

  @Inject Outbox outbox;

  @Inject DeadLetterService deadLetters;

  private volatile boolean registered;
  private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, List.of(), Map.of());

  private record Snapshot(Instant at, List<OutboxStatus> outbox, Map<String, Map<DeadLetterStatus, Long>> letters) {}

  synchronized void register(@Observes @Priority(Interceptor.Priority.APPLICATION + 600)
      @Initialized(ApplicationScoped.class) Object event) {
    if (registered) {
      return;
    }
    for (String system : systems) {
      Tag target = new Tag("target", system);
      registry.gauge("crm.outbox.pending", this, m -> m.outbox(system).pending(), target);
      registry.gauge("crm.outbox.lag.seconds", this, m -> m.lagSeconds(system), target);
      registry.gauge("crm.dead.letters.parked", this, m -> m.parked(system), new Tag("system", system));
    }
    registered = true;
  }

  private OutboxStatus outbox(String target) {
    return fresh().outbox().stream().filter(s -> s.target().equals(target)).findFirst()
        .orElse(new OutboxStatus(target, 0, 0, null));
  }

  private long lagSeconds(String target) {
    Instant oldest = outbox(target).oldestCreatedAt();
    return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toSeconds());
  }

  private long parked(String system) {
    return fresh().letters().getOrDefault(system, Map.of()).getOrDefault(DeadLetterStatus.PARKED, 0L);
  }

  private Snapshot fresh() {
    Snapshot current = snapshot;
    if (Duration.between(current.at(), Instant.now()).compareTo(CACHE) > 0) {
      current = new Snapshot(Instant.now(), outbox.status(), deadLetters.counts());
      snapshot = current;
    }
    return current;
  }
}

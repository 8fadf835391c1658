package org.clientele.crm.impl.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * {@code crm_store_deliveries_total{store, topic, outcome}}: received, duplicate, ignored, rejected-401,
 * rejected-400, rejected-413, processed, skipped, retried, failed. Topics outside the adapter's list count as
 * {@code other} (the header is sender-controlled: no unbounded tag values).
 */
@ApplicationScoped
public class StoreMetrics {

  static final String NAME = "crm.store.deliveries";

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  public void count(String store, String topic, String outcome) {
    registry.counter(NAME, new Tag("store", store == null ? "unknown" : store),
        new Tag("topic", topic == null ? "other" : topic), new Tag("outcome", outcome)).inc();
  }
}

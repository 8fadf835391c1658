package org.clientele.crm.impl.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.clientele.crm.api.purchase.events.PurchaseRecorded;
import org.clientele.crm.api.purchase.events.PurchaseRefunded;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Counts purchase events once their transaction committed ({@code crm_purchase_events_total{event=...}}:
 * {@code created}, {@code updated}, {@code refunded}); a rolled-back or retried attempt is never counted.
 */
@ApplicationScoped
public class PurchaseEventMetrics {

  static final String NAME = "crm.purchase.events";

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  void recorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) PurchaseRecorded event) {
    count(event.outcome().name().toLowerCase(java.util.Locale.ROOT));
  }

  void refunded(@Observes(during = TransactionPhase.AFTER_SUCCESS) PurchaseRefunded event) {
    count("refunded");
  }

  private void count(String event) {
    registry.counter(NAME, new Tag("event", event)).inc();
  }
}

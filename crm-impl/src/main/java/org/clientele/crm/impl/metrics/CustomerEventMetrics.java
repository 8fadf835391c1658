package org.clientele.crm.impl.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.clientele.crm.api.customer.events.ConsentChanged;
import org.clientele.crm.api.customer.events.CustomerErased;
import org.clientele.crm.api.customer.events.CustomerRegistered;
import org.clientele.crm.api.customer.events.CustomerUnmerged;
import org.clientele.crm.api.customer.events.CustomerUpdated;
import org.clientele.crm.api.customer.events.CustomersMerged;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Counts customer events once their transaction committed ({@code crm_customer_events_total{event=...}}
 * in the Prometheus output): a rolled-back change is never counted.
 */
@ApplicationScoped
public class CustomerEventMetrics {

  static final String NAME = "crm.customer.events";

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  void registered(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomerRegistered event) {
    count("registered");
  }

  void updated(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomerUpdated event) {
    count("updated");
  }

  void consentChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConsentChanged event) {
    count("consent-changed");
  }

  void merged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomersMerged event) {
    count("merged");
  }

  void unmerged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomerUnmerged event) {
    count("unmerged");
  }

  void erased(@Observes(during = TransactionPhase.AFTER_SUCCESS) CustomerErased event) {
    count("erased");
  }

  private void count(String event) {
    registry.counter(NAME, new Tag("event", event)).inc();
  }
}

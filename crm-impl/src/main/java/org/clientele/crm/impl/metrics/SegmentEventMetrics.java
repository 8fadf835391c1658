package org.clientele.crm.impl.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.clientele.crm.api.segment.events.SegmentEntered;
import org.clientele.crm.api.segment.events.SegmentExited;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Counts segment entries and exits as they are announced (after commit):
 * {@code crm_segment_events_total{event="entered"|"exited", segment=<key>}}. One series per segment and
 * direction, so the cardinality is bounded by the number of segments.
 */
@ApplicationScoped
public class SegmentEventMetrics {

  static final String NAME = "crm.segment.events";

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  void entered(@Observes SegmentEntered event) {
    registry.counter(NAME, new Tag("event", "entered"), new Tag("segment", event.segmentKey())).inc();
  }

  void exited(@Observes SegmentExited event) {
    registry.counter(NAME, new Tag("event", "exited"), new Tag("segment", event.segmentKey())).inc();
  }
}

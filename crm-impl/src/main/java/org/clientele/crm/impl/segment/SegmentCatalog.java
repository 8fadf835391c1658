package org.clientele.crm.impl.segment;

import java.util.Optional;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.segment.SegmentRule;

/**
 * What a rule may refer to besides the profile fields: other segments and registered attributes. The
 * segment store implements it; tests use a map.
 */
public interface SegmentCatalog {

  /** A stored segment: its rule, or {@code null} for a static (hand-maintained) segment. */
  record Segment(String key, SegmentRule rule) {}

  /** The segment with this key, if there is one. */
  Optional<Segment> segment(String key);

  /** The registered attribute with this key, if there is one. */
  Optional<AttributeDefinition> attribute(String key);
}

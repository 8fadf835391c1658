package org.clientele.crm.impl.segment;

import java.util.Optional;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.segment.SegmentRule;

/**
 * What a rule may refer to besides the profile fields: other segments and registered attributes. The
 * segment store implements it; tests use a map.
 */
public interface SegmentCatalog {

  /**
   * A stored segment: its rule, or {@code null} for a static (hand-maintained) segment, and its id when it has
   * one (a rule referring to it then compiles to {@code segment_id = ?}, which PostgreSQL estimates from that
   * segment's own share of the membership table instead of an average over all segments).
   */
  record Segment(String key, SegmentRule rule, Long id) {

    public Segment(String key, SegmentRule rule) {
      this(key, rule, null);
    }
  }

  /** The segment with this key, if there is one. */
  Optional<Segment> segment(String key);

  /** The registered attribute with this key, if there is one. */
  Optional<AttributeDefinition> attribute(String key);
}

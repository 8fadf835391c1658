package org.clientele.crm.impl.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.clientele.crm.api.customer.AttributeDefinition;

/** An in-memory copy of what segment rules read: customers and their events, scores and memberships. */
record Dataset(List<Customer> customers, List<Purchase> purchases, List<Interaction> interactions,
    List<Consent> consents, Map<Long, Score> scores, List<Segment> segments, List<Membership> memberships,
    Map<String, AttributeDefinition> attributes) {

  record Customer(long id, String status, String givenName, String familyName, String email, String phone,
      LocalDate birthDate, String language, String country, String region, String city, String postalCode,
      String lifecycleStage, Instant createdAt, Instant updatedAt, Instant attentionSince, Set<String> tags,
      Map<String, Attribute> attributes) {}

  /** A stored attribute value: canonical text plus the typed copy of its definition's type. */
  record Attribute(String text, BigDecimal number, LocalDate date, Boolean bool) {}

  record Purchase(long id, long customerId, String source, String status, String currency, Instant placedAt,
      BigDecimal subtotal, BigDecimal discountTotal, BigDecimal shippingTotal, BigDecimal taxTotal,
      BigDecimal total, BigDecimal refundedTotal, BigDecimal netTotal, List<Line> lines) {}

  record Line(int lineNo, String sku, String category, int quantity, BigDecimal unitPrice, BigDecimal discount,
      BigDecimal lineTotal) {}

  record Interaction(long id, long customerId, String channel, String type, String direction,
      Instant occurredAt) {}

  record Consent(long id, long customerId, String channel, String purpose, String status, Instant decidedAt) {}

  record Score(long customerId, Integer recency, Integer frequency, Integer monetary, int engagement) {}

  record Segment(long id, String key) {}

  record Membership(long segmentId, long customerId, Instant enteredAt, Instant leftAt) {}

  /** The catalog rules are validated against: these attributes, and the segments as static ones. */
  SegmentCatalog catalog() {
    return new SegmentCatalog() {
      @Override
      public Optional<SegmentCatalog.Segment> segment(String key) {
        return segments.stream().filter(s -> s.key().equals(key)).findFirst()
            .map(s -> new SegmentCatalog.Segment(s.key(), null, s.id()));
      }

      @Override
      public Optional<AttributeDefinition> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
      }
    };
  }
}

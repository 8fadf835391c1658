package org.clientele.crm.impl.segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.AttributeType;

/**
 * Seeded random datasets whose values come from small pools that the rule generator draws from too, so that
 * rules often hit: whole-hour times around {@link #T0} (relative windows then end exactly on data), repeated
 * amounts, ties in consent decisions, and texts with LIKE wildcards and quotes.
 */
final class DatasetGenerator {

  /** The centre of all generated times. */
  static final Instant T0 = Instant.parse("2026-06-15T00:00:00Z");

  static final List<String> GIVEN_NAMES = List.of("Anna", "anna", "Annabel", "Ben", "Émile", "O'Brien", "Zoë",
      "Li_Wei", "100%", "Ann");
  static final List<String> FAMILY_NAMES = List.of("Müller", "MÜLLER", "Smith", "Smithers", "D'Arcy", "van Dijk",
      "Nguyen", "x_y");
  static final List<String> EMAILS = List.of("anna@example.com", "ben@shop.de", "x_y@ex.org", "100%@promo.com",
      "anna.b@example.com", "o'brien@mail.ie");
  static final List<String> PHONES = List.of("+4930123456", "+4915112345", "+33123456789", "+1555000");
  static final List<String> LANGUAGES = List.of("de", "de-DE", "en", "en-GB", "fr");
  static final List<String> COUNTRIES = List.of("DE", "AT", "FR", "US", "GB");
  static final List<String> REGIONS = List.of("Berlin", "Bayern", "Île-de-France", "NY");
  static final List<String> CITIES = List.of("Berlin", "München", "Paris", "New York", "Wien", "Ber%lin");
  static final List<String> POSTAL_CODES = List.of("10115", "10117", "80331", "75001", "1010", "10001");
  static final List<String> STAGES = List.of("LEAD", "PROSPECT", "ACTIVE", "AT_RISK", "CHURNED");
  static final List<String> TAGS = List.of("vip", "newsletter", "b2b", "wholesale", "100%_off", "o'neil", "VIP");
  static final List<String> TIERS = List.of("bronze", "silver", "gold");
  static final List<String> NICKNAMES = List.of("ace", "Ace", "a_ce", "bee", "c%d", "'; DROP TABLE crm_customer; --");
  static final List<BigDecimal> NUMBERS = decimals("-5", "0", "1.5", "10", "42", "99.99", "1000");
  static final List<String> CHANNELS = List.of("EMAIL", "PHONE", "CHAT", "WEB", "STORE", "SMS");
  static final List<String> TYPES = List.of("INQUIRY", "COMPLAINT", "MESSAGE", "CAMPAIGN_SENT", "CAMPAIGN_OPENED",
      "CAMPAIGN_CLICKED", "CAMPAIGN_BOUNCED", "UNSUBSCRIBE", "ORDER");
  static final List<String> DIRECTIONS = List.of("INBOUND", "OUTBOUND", "INTERNAL");
  static final List<String> CONSENT_CHANNELS = List.of("EMAIL", "SMS");
  static final List<String> CONSENT_PURPOSES = List.of("MARKETING", "SERVICE");
  static final List<String> CONSENT_STATUSES = List.of("GRANTED", "DENIED", "PENDING", "WITHDRAWN");
  static final List<String> PURCHASE_STATUSES = List.of("PLACED", "PAID", "FULFILLED", "REFUNDED", "CANCELLED");
  static final List<String> CURRENCIES = List.of("EUR", "USD");
  static final List<String> SOURCES = List.of("shop", "erp");
  static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3", "100%_X");
  static final List<String> CATEGORIES = List.of("shoes", "bags", "hats", "s%_x");
  static final List<BigDecimal> PRICES = decimals("5", "9.99", "10", "25.5", "49.95", "100");
  static final List<String> SEGMENT_KEYS = List.of("vip", "newsletter-fans", "lapsed");

  private final Random random;

  DatasetGenerator(long seed) {
    this.random = new Random(seed);
  }

  static List<BigDecimal> decimals(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }

  static Map<String, AttributeDefinition> attributeDefinitions() {
    Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
    definitions.put("loyalty_tier", new AttributeDefinition("loyalty_tier", AttributeType.STRING, TIERS, null));
    definitions.put("nickname", new AttributeDefinition("nickname", AttributeType.STRING, List.of(), null));
    definitions.put("score", new AttributeDefinition("score", AttributeType.NUMBER, List.of(), null));
    definitions.put("opted_in", new AttributeDefinition("opted_in", AttributeType.BOOLEAN, List.of(), null));
    definitions.put("renewal_date", new AttributeDefinition("renewal_date", AttributeType.DATE, List.of(), null));
    return definitions;
  }

  Dataset generate(int customerCount) {
    List<Dataset.Customer> customers = new ArrayList<>();
    List<Dataset.Purchase> purchases = new ArrayList<>();
    List<Dataset.Interaction> interactions = new ArrayList<>();
    List<Dataset.Consent> consents = new ArrayList<>();
    Map<Long, Dataset.Score> scores = new HashMap<>();
    List<Dataset.Segment> segments = new ArrayList<>();
    List<Dataset.Membership> memberships = new ArrayList<>();
    for (int i = 0; i < SEGMENT_KEYS.size(); i++) {
      segments.add(new Dataset.Segment(i + 1, SEGMENT_KEYS.get(i)));
    }
    long purchaseId = 1;
    long interactionId = 1;
    long consentId = 1;
    for (long id = 1000; id < 1000 + customerCount; id++) {
      customers.add(customer(id));
      int n = random.nextInt(7);
      for (int k = 0; k < n; k++) {
        purchases.add(purchase(purchaseId++, id));
      }
      n = random.nextInt(9);
      for (int k = 0; k < n; k++) {
        interactions.add(new Dataset.Interaction(interactionId++, id, pick(CHANNELS), pick(TYPES), pick(DIRECTIONS),
            hoursAround(400 * 24, 10 * 24)));
      }
      n = random.nextInt(5);
      for (int k = 0; k < n; k++) {
        // few distinct instants, so decisions often tie
        Instant decided = T0.minus(Duration.ofDays(random.nextInt(4) * 30L)).plus(Duration.ofHours(random.nextInt(3)));
        consents.add(new Dataset.Consent(consentId++, id, pick(CONSENT_CHANNELS), pick(CONSENT_PURPOSES),
            pick(CONSENT_STATUSES), decided));
      }
      if (random.nextInt(5) > 0) {
        boolean rfm = random.nextInt(5) > 0;
        scores.put(id, new Dataset.Score(id, rfm ? 1 + random.nextInt(5) : null, rfm ? 1 + random.nextInt(5) : null,
            rfm ? 1 + random.nextInt(5) : null, random.nextBoolean() ? pick(List.of(0, 25, 50, 60, 99, 100))
                : random.nextInt(101)));
      }
      for (Dataset.Segment segment : segments) {
        int shape = random.nextInt(5);
        Instant entered = hoursAround(200 * 24, 0);
        if (shape == 1 || shape == 3) {
          memberships.add(new Dataset.Membership(segment.id(), id, entered.minus(Duration.ofDays(300)),
              entered.minus(Duration.ofDays(100))));
        }
        if (shape == 2 || shape == 3) {
          memberships.add(new Dataset.Membership(segment.id(), id, entered, null));
        }
        if (shape == 4) {
          memberships.add(new Dataset.Membership(segment.id(), id, entered, entered.plus(Duration.ofDays(10))));
        }
      }
    }
    return new Dataset(customers, purchases, interactions, consents, scores, segments, memberships,
        attributeDefinitions());
  }

  private Dataset.Customer customer(long id) {
    String status = random.nextInt(20) == 0 ? "MERGED" : random.nextInt(20) == 0 ? "ERASED" : "ACTIVE";
    Instant created = hoursAround(3 * 365 * 24, 24 * 5);
    Instant updated = created.plus(Duration.ofHours(random.nextInt(24 * 200)));
    LocalDate birth = random.nextInt(7) == 0 ? null
        : random.nextBoolean() ? LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28))
            : T0.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(random.nextInt(800) - 20);
    Set<String> tags = new LinkedHashSet<>();
    int tagCount = random.nextInt(4);
    for (int i = 0; i < tagCount; i++) {
      tags.add(pick(TAGS));
    }
    Map<String, Dataset.Attribute> attributes = new LinkedHashMap<>();
    if (random.nextInt(3) > 0) {
      String tier = pick(TIERS);
      attributes.put("loyalty_tier", new Dataset.Attribute(tier, null, null, null));
    }
    if (random.nextBoolean()) {
      attributes.put("nickname", new Dataset.Attribute(pick(NICKNAMES), null, null, null));
    }
    if (random.nextInt(3) > 0) {
      BigDecimal n = pick(NUMBERS);
      attributes.put("score", new Dataset.Attribute(n.toPlainString(), n, null, null));
    }
    if (random.nextBoolean()) {
      boolean b = random.nextBoolean();
      attributes.put("opted_in", new Dataset.Attribute(Boolean.toString(b), null, null, b));
    }
    if (random.nextBoolean()) {
      LocalDate d = T0.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(random.nextInt(120) - 90);
      attributes.put("renewal_date", new Dataset.Attribute(d.toString(), null, d, null));
    }
    return new Dataset.Customer(id, status, maybe(GIVEN_NAMES), maybe(FAMILY_NAMES), maybe(EMAILS), maybe(PHONES),
        birth, maybe(LANGUAGES), maybe(COUNTRIES), maybe(REGIONS), maybe(CITIES), maybe(POSTAL_CODES), pick(STAGES),
        created, updated, random.nextInt(5) == 0 ? hoursAround(60 * 24, 24) : null, tags, attributes);
  }

  private Dataset.Purchase purchase(long id, long customerId) {
    List<Dataset.Line> lines = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    BigDecimal subtotal = BigDecimal.ZERO;
    for (int i = 1; i <= n; i++) {
      int quantity = 1 + random.nextInt(3);
      BigDecimal price = pick(PRICES);
      BigDecimal discount = random.nextInt(4) == 0 ? new BigDecimal("1.00") : BigDecimal.ZERO;
      BigDecimal lineTotal = price.multiply(BigDecimal.valueOf(quantity)).subtract(discount);
      lines.add(new Dataset.Line(i, pick(SKUS), random.nextInt(6) == 0 ? null : pick(CATEGORIES), quantity, price,
          discount, lineTotal));
      subtotal = subtotal.add(lineTotal);
    }
    BigDecimal discountTotal = random.nextInt(3) == 0 ? new BigDecimal("2.50").min(subtotal) : BigDecimal.ZERO;
    BigDecimal shipping = random.nextBoolean() ? new BigDecimal("4.90") : BigDecimal.ZERO;
    BigDecimal tax = subtotal.multiply(new BigDecimal("0.19")).setScale(2, RoundingMode.HALF_EVEN);
    BigDecimal total = subtotal.subtract(discountTotal).add(shipping).add(tax);
    String status = pick(PURCHASE_STATUSES);
    BigDecimal refunded = status.equals("REFUNDED") ? total
        : random.nextInt(5) == 0 ? total.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN) : BigDecimal.ZERO;
    return new Dataset.Purchase(id, customerId, pick(SOURCES), status, random.nextInt(4) == 0 ? "USD" : "EUR",
        hoursAround(500 * 24, 10 * 24), subtotal, discountTotal, shipping, tax, total, refunded,
        total.subtract(refunded), lines);
  }

  /** A whole hour between {@code before} hours before T0 and {@code after} hours after it. */
  private Instant hoursAround(int before, int after) {
    return T0.plus(Duration.ofHours(random.nextInt(before + after + 1) - before));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String maybe(List<String> values) {
    return random.nextInt(7) == 0 ? null : pick(values);
  }

  /** The lower-cased search key of a name, as the customer service writes it. */
  static String key(String name) {
    return name == null ? null : name.toLowerCase(Locale.ROOT);
  }
}

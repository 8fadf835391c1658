package org.clientele.crm.impl.segment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.segment.BehaviourCondition;
import org.clientele.crm.api.segment.EventFilter;
import org.clientele.crm.api.segment.RecencyCondition;
import org.clientele.crm.api.segment.RfmCondition;
import org.clientele.crm.api.segment.SegmentRule;

/**
 * Seeded random valid rules, depth at most 4, over every condition kind and operator, with values drawn from
 * the dataset's pools (plus near misses and injection attempts). Records which kinds and operators it made.
 */
final class RuleGenerator {

  static final List<String> TEXT_OPS = List.of("eq", "ne", "in", "notIn", "contains", "startsWith", "exists",
      "missing");
  static final List<String> ENUM_OPS = List.of("eq", "ne", "in", "notIn");
  static final List<String> TAG_OPS = List.of("contains", "in", "notIn", "exists", "missing");
  static final List<String> NUMBER_OPS = List.of("eq", "ne", "in", "notIn", "gt", "gte", "lt", "lte", "between",
      "exists", "missing");
  static final List<String> BOOLEAN_OPS = List.of("eq", "ne", "exists", "missing");
  static final List<String> DATE_OPS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "before", "after", "between",
      "withinLastDays", "moreThanDaysAgo", "exists", "missing");
  static final List<String> AGGREGATE_OPS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "between");
  static final List<String> SCORE_OPS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "exists",
      "missing");
  static final List<String> KINDS = List.of("field", "attribute", "consent", "behaviour", "recency",
      "firstPurchase", "rfm", "rfmGroup", "engagement", "segment");
  static final String INJECTION = "'; DROP TABLE crm_customer; --";

  private static final List<String> SUBSTRINGS = List.of("an", "AN", "Ber", "%", "_", "!", "'", "@example",
      "10", "x_", "ü", "Smith", "100%", INJECTION);

  private final Random random;
  private final Map<String, AttributeDefinition> attributes;
  /** Kinds and operators generated so far, e.g. {@code field}, {@code op:between}, {@code behaviour:avg}. */
  final Set<String> coverage = new TreeSet<>();

  RuleGenerator(long seed, Map<String, AttributeDefinition> attributes) {
    this.random = new Random(seed);
    this.attributes = attributes;
  }

  /** An evaluation time: whole hours near T0 (some exactly on generated times). */
  Instant asOf() {
    return switch (random.nextInt(4)) {
      case 0 -> DatasetGenerator.T0;
      case 1 -> DatasetGenerator.T0.plus(Duration.ofHours(12));
      case 2 -> DatasetGenerator.T0.minus(Duration.ofDays(30)).plus(Duration.ofHours(7));
      default -> DatasetGenerator.T0.plus(Duration.ofDays(5));
    };
  }

  SegmentRule rule() {
    return node(1);
  }

  private SegmentRule node(int depth) {
    if (depth < 4 && random.nextInt(100) < 40) {
      int kind = random.nextInt(3);
      if (kind == 2) {
        coverage.add("not");
        return SegmentRule.not(node(depth + 1));
      }
      SegmentRule[] items = new SegmentRule[1 + random.nextInt(3)];
      for (int i = 0; i < items.length; i++) {
        items[i] = node(depth + 1);
      }
      coverage.add(kind == 0 ? "all" : "any");
      return kind == 0 ? SegmentRule.all(items) : SegmentRule.any(items);
    }
    String kind = pick(KINDS);
    coverage.add(kind);
    return switch (kind) {
      case "field" -> field();
      case "attribute" -> attribute();
      case "consent" -> SegmentRule.consent(pick(List.of("EMAIL", "SMS", "PHONE")),
          pick(List.of("MARKETING", "SERVICE", "PROFILING")));
      case "behaviour" -> behaviour();
      case "recency" -> recency();
      case "firstPurchase" -> {
        String op = op(DATE_OPS);
        yield SegmentRule.firstPurchase(op, value("timestamp", op, DatasetGenerator.CITIES));
      }
      case "rfm" -> rfm();
      case "rfmGroup" -> SegmentRule.rfmGroup(pick(List.copyOf(RuleEvaluator.GROUPS.keySet().stream().sorted()
          .toList())));
      case "engagement" -> {
        String op = op(SCORE_OPS);
        yield SegmentRule.engagement(op, value("score", op, List.of()));
      }
      case "segment" -> SegmentRule.segment(pick(DatasetGenerator.SEGMENT_KEYS));
      default -> throw new IllegalStateException(kind);
    };
  }

  private SegmentRule field() {
    String field = pick(RuleEvaluator.FIELDS.keySet().stream().sorted().toList());
    String kind = RuleEvaluator.FIELDS.get(field);
    List<String> pool = switch (field) {
      case "givenName" -> DatasetGenerator.GIVEN_NAMES;
      case "familyName" -> DatasetGenerator.FAMILY_NAMES;
      case "email" -> DatasetGenerator.EMAILS;
      case "phone" -> DatasetGenerator.PHONES;
      case "language" -> DatasetGenerator.LANGUAGES;
      case "country" -> DatasetGenerator.COUNTRIES;
      case "region" -> DatasetGenerator.REGIONS;
      case "city" -> DatasetGenerator.CITIES;
      case "postalCode" -> DatasetGenerator.POSTAL_CODES;
      case "lifecycleStage" -> DatasetGenerator.STAGES;
      case "tags" -> DatasetGenerator.TAGS;
      default -> List.of();
    };
    List<String> ops = switch (kind) {
      case "name", "text" -> TEXT_OPS;
      case "enum" -> ENUM_OPS;
      case "tags" -> TAG_OPS;
      default -> DATE_OPS;
    };
    String op = op(ops);
    coverage.add("field:" + kind);
    return SegmentRule.field(field, op, value(kind, op, pool));
  }

  private SegmentRule attribute() {
    AttributeDefinition def = pick(List.copyOf(attributes.values()));
    String kind = switch (def.type()) {
      case STRING -> "text";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
    };
    List<String> ops = switch (kind) {
      case "text" -> TEXT_OPS;
      case "number" -> NUMBER_OPS;
      case "boolean" -> BOOLEAN_OPS;
      default -> DATE_OPS;
    };
    String op = op(ops);
    List<String> pool = def.key().equals("loyalty_tier") ? DatasetGenerator.TIERS : DatasetGenerator.NICKNAMES;
    Object value = value(kind, op, pool);
    if (!def.allowedValues().isEmpty() && List.of("eq", "ne", "in", "notIn").contains(op)) {
      // values of a restricted attribute must be allowed ones
      value = op.equals("in") || op.equals("notIn") ? List.of(pick(def.allowedValues())) : pick(def.allowedValues());
    }
    coverage.add("attribute:" + kind);
    return SegmentRule.attribute(def.key(), op, value);
  }

  private SegmentRule behaviour() {
    String of = pick(List.of("purchases", "purchaseLines", "interactions"));
    String measure = of.equals("interactions") ? "count" : pick(List.of("count", "sum", "avg", "max", "min"));
    String amountOf = measure.equals("count") ? null : of.equals("purchases")
        ? pick(List.of("total", "netTotal", "subtotal", "discountTotal", "refundedTotal"))
        : pick(List.of("lineTotal", "unitPrice", "quantity"));
    boolean money = amountOf != null && !amountOf.equals("quantity");
    EventFilter where = filter(of, money);
    Integer lastDays = null;
    String from = null;
    String to = null;
    int window = random.nextInt(3);
    if (window == 1) {
      lastDays = pick(List.of(1, 7, 30, 90, 365, 3650));
    } else if (window == 2) {
      LocalDate start = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(500));
      from = start.toString();
      to = start.plusDays(random.nextInt(200)).toString();
    }
    String op = op(AGGREGATE_OPS);
    Object value = measure.equals("count") ? countValue(op) : amountValue(op);
    coverage.add("behaviour:" + of + ":" + measure);
    return SegmentRule.behaviour(new BehaviourCondition(of, measure, amountOf, where, lastDays, from, to, op, value));
  }

  private EventFilter filter(String of, boolean money) {
    if (!money && random.nextInt(3) == 0) {
      return null;
    }
    if (of.equals("interactions")) {
      return new EventFilter(null, null, null, null, null, maybeSome(DatasetGenerator.CHANNELS),
          maybeSome(DatasetGenerator.TYPES), maybeSome(DatasetGenerator.DIRECTIONS));
    }
    return new EventFilter(maybeSome(DatasetGenerator.PURCHASE_STATUSES),
        money || random.nextBoolean() ? pick(DatasetGenerator.CURRENCIES) : null, maybeSome(DatasetGenerator.SOURCES),
        maybeSome(DatasetGenerator.CATEGORIES), maybeSome(DatasetGenerator.SKUS), null, null, null);
  }

  private SegmentRule recency() {
    String of = pick(List.of("purchases", "interactions"));
    coverage.add("recency:" + of);
    return SegmentRule.recency(new RecencyCondition(of, random.nextBoolean() ? null : filter(of, false),
        pick(List.of("gt", "gte", "lt", "lte")), pick(List.of(0, 1, 7, 30, 90, 365))));
  }

  private SegmentRule rfm() {
    List<Integer> r = random.nextBoolean() ? scores() : null;
    List<Integer> f = random.nextBoolean() ? scores() : null;
    List<Integer> m = r == null && f == null || random.nextBoolean() ? scores() : null;
    return SegmentRule.rfm(new RfmCondition(r, f, m));
  }

  private List<Integer> scores() {
    Set<Integer> scores = new TreeSet<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      scores.add(1 + random.nextInt(5));
    }
    return List.copyOf(scores);
  }

  private Object countValue(String op) {
    if (op.equals("between")) {
      int low = random.nextInt(4);
      return List.of(low, low + random.nextInt(4));
    }
    return random.nextBoolean() ? random.nextInt(6) : new BigDecimal(random.nextInt(6));
  }

  private Object amountValue(String op) {
    List<BigDecimal> pool = DatasetGenerator.decimals("0", "1", "2.50", "9.99", "10", "25.5", "50", "100", "250.75",
        "1000");
    if (op.equals("between")) {
      BigDecimal a = pick(pool);
      BigDecimal b = pick(pool);
      return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
    }
    return pick(pool);
  }

  /** A value for an operator on a kind of value, from the pool where it takes texts. */
  private Object value(String kind, String op, List<String> pool) {
    switch (op) {
      case "exists", "missing":
        return null;
      case "withinLastDays":
        return pick(List.of(1, 7, 30, 90, 365, 3650));
      case "moreThanDaysAgo":
        return pick(List.of(0, 1, 30, 90, 365));
      case "in", "notIn": {
        List<Object> values = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          values.add(scalar(kind, "eq", pool));
        }
        return values;
      }
      case "between": {
        Object a = scalar(kind, "gte", pool);
        Object b = scalar(kind, "gte", pool);
        return order(a) <= order(b) ? List.of(a, b) : List.of(b, a);
      }
      default:
        return scalar(kind, op, pool);
    }
  }

  private Object scalar(String kind, String op, List<String> pool) {
    return switch (kind) {
      case "name", "text", "enum", "tags" -> {
        if (op.equals("contains") || op.equals("startsWith")) {
          yield random.nextBoolean() ? pick(SUBSTRINGS) : pick(pool).substring(0, 1 + random.nextInt(2));
        }
        if (random.nextInt(10) == 0 && !kind.equals("enum")) {
          yield INJECTION;
        }
        String v = pick(pool);
        yield kind.equals("name") && random.nextBoolean() ? v.toUpperCase(java.util.Locale.ROOT) : v;
      }
      case "number" -> random.nextBoolean() ? pick(DatasetGenerator.NUMBERS)
          : pick(List.of(0, 7, 42, -5, 1000));
      case "score" -> pick(List.of(0, 25, 50, 60, 99, 100, 73));
      case "boolean" -> random.nextBoolean();
      case "date" -> DatasetGenerator.T0.atOffset(ZoneOffset.UTC).toLocalDate()
          .plusDays(random.nextInt(200) - 150).toString();
      case "timestamp" -> {
        Instant t = DatasetGenerator.T0.plus(Duration.ofHours(random.nextInt(24 * 500) - 24 * 450));
        yield random.nextBoolean() ? t.atOffset(ZoneOffset.UTC).toLocalDate().toString() : t.toString();
      }
      default -> throw new IllegalStateException(kind);
    };
  }

  /** A sort key for between bounds: numbers, dates and instants on one line. */
  private static double order(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    String s = value.toString();
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
    try {
      return Instant.parse(s).getEpochSecond();
    } catch (RuntimeException e) {
      return s.chars().asDoubleStream().reduce(0, (a, b) -> a * 256 + b);
    }
  }

  private String op(List<String> ops) {
    String op = pick(ops);
    coverage.add("op:" + op);
    return op;
  }

  private List<String> maybeSome(List<String> pool) {
    if (random.nextInt(3) > 0) {
      return null;
    }
    List<String> values = new ArrayList<>(pool);
    java.util.Collections.shuffle(values, random);
    return values.subList(0, 1 + random.nextInt(Math.min(3, values.size())));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Every kind and operator a long enough run must have produced. */
  static Set<String> expectedCoverage() {
    Set<String> expected = new TreeSet<>(KINDS);
    expected.addAll(List.of("all", "any", "not"));
    for (List<String> ops : List.of(TEXT_OPS, TAG_OPS, NUMBER_OPS, DATE_OPS, SCORE_OPS)) {
      ops.forEach(op -> expected.add("op:" + op));
    }
    Arrays.asList("name", "text", "enum", "tags", "date", "timestamp").forEach(k -> expected.add("field:" + k));
    Arrays.asList("text", "number", "boolean", "date").forEach(k -> expected.add("attribute:" + k));
    for (String measure : List.of("count", "sum", "avg", "max", "min")) {
      expected.add("behaviour:purchases:" + measure);
      expected.add("behaviour:purchaseLines:" + measure);
    }
    expected.add("behaviour:interactions:count");
    expected.add("recency:purchases");
    expected.add("recency:interactions");
    return expected;
  }
}

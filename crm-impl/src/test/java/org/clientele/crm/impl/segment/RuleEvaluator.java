package org.clientele.crm.impl.segment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.segment.BehaviourCondition;
import org.clientele.crm.api.segment.EventFilter;
import org.clientele.crm.api.segment.RecencyCondition;
import org.clientele.crm.api.segment.RfmCondition;
import org.clientele.crm.api.segment.SegmentRule;

/**
 * The test oracle: evaluates valid rules over a {@link Dataset} in plain Java, written from the semantics in
 * docs/segmentation.md without reading the compiler. Customers are compared one by one; every condition is
 * simply true or false.
 */
final class RuleEvaluator {

  /** The profile fields and their kinds, as documented. */
  static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("givenName", "name"),
      Map.entry("familyName", "name"), Map.entry("email", "text"), Map.entry("phone", "text"),
      Map.entry("birthDate", "date"), Map.entry("language", "text"), Map.entry("country", "text"),
      Map.entry("region", "text"), Map.entry("city", "text"), Map.entry("postalCode", "text"),
      Map.entry("lifecycleStage", "enum"), Map.entry("tags", "tags"), Map.entry("attentionSince", "timestamp"),
      Map.entry("createdAt", "timestamp"), Map.entry("updatedAt", "timestamp"));

  /** The RFM groups as documented: recency range, frequency range, per box. */
  static final Map<String, int[][]> GROUPS = Map.of(
      "champions", new int[][] {{5, 5, 4, 5}},
      "loyal", new int[][] {{3, 4, 4, 5}},
      "potentialLoyalists", new int[][] {{4, 5, 2, 3}, {4, 4, 1, 1}},
      "newCustomers", new int[][] {{5, 5, 1, 1}},
      "needsAttention", new int[][] {{3, 3, 1, 3}},
      "atRisk", new int[][] {{1, 2, 3, 5}},
      "lost", new int[][] {{1, 2, 1, 2}});

  private final Dataset data;
  private final Map<Long, List<Dataset.Purchase>> purchases = new HashMap<>();
  private final Map<Long, List<Dataset.Interaction>> interactions = new HashMap<>();
  private final Map<Long, List<Dataset.Consent>> consents = new HashMap<>();
  private final Map<Long, List<Dataset.Membership>> memberships = new HashMap<>();
  private final Map<Long, String> segmentKeys = new HashMap<>();

  RuleEvaluator(Dataset data) {
    this.data = data;
    data.purchases().forEach(p -> purchases.computeIfAbsent(p.customerId(), k -> new ArrayList<>()).add(p));
    data.interactions().forEach(i -> interactions.computeIfAbsent(i.customerId(), k -> new ArrayList<>()).add(i));
    data.consents().forEach(c -> consents.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c));
    data.memberships().forEach(m -> memberships.computeIfAbsent(m.customerId(), k -> new ArrayList<>()).add(m));
    data.segments().forEach(s -> segmentKeys.put(s.id(), s.key()));
  }

  /** The ids of the active customers the rule selects, ascending. */
  List<Long> select(SegmentRule rule, Instant asOf) {
    return data.customers().stream().filter(c -> c.status().equals("ACTIVE"))
        .filter(c -> matches(c, rule, asOf)).map(Dataset.Customer::id).sorted().toList();
  }

  boolean matches(Dataset.Customer c, SegmentRule r, Instant asOf) {
    if (r.all() != null) {
      return r.all().stream().allMatch(x -> matches(c, x, asOf));
    }
    if (r.any() != null) {
      return r.any().stream().anyMatch(x -> matches(c, x, asOf));
    }
    if (r.not() != null) {
      return !matches(c, r.not(), asOf);
    }
    if (r.field() != null) {
      String kind = FIELDS.get(r.field());
      if (kind.equals("tags")) {
        return tags(c.tags(), r.op(), r.value());
      }
      return compare(kind, fieldValue(c, r.field()), r.op(), r.value(), asOf);
    }
    if (r.attribute() != null) {
      AttributeDefinition def = data.attributes().get(r.attribute());
      Dataset.Attribute a = c.attributes().get(r.attribute());
      return switch (def.type()) {
        case STRING -> compare("text", a == null ? null : a.text(), r.op(), r.value(), asOf);
        case NUMBER -> compare("number", a == null ? null : a.number(), r.op(), r.value(), asOf);
        case BOOLEAN -> compare("boolean", a == null ? null : a.bool(), r.op(), r.value(), asOf);
        case DATE -> compare("date", a == null ? null : a.date(), r.op(), r.value(), asOf);
      };
    }
    if (r.consent() != null) {
      return contactable(c.id(), r.consent().channel(), r.consent().purpose(), asOf);
    }
    if (r.behaviour() != null) {
      return behaviour(c.id(), r.behaviour(), asOf);
    }
    if (r.recency() != null) {
      return recency(c.id(), r.recency(), asOf);
    }
    if (r.firstPurchase() != null) {
      Instant first = purchases.getOrDefault(c.id(), List.of()).stream()
          .filter(p -> counted(p.status()) && !p.placedAt().isAfter(asOf))
          .map(Dataset.Purchase::placedAt).min(Instant::compareTo).orElse(null);
      return compare("timestamp", first, r.firstPurchase().op(), r.firstPurchase().value(), asOf);
    }
    Dataset.Score score = data.scores().get(c.id());
    if (r.rfm() != null) {
      RfmCondition rfm = r.rfm();
      return score != null && score.recency() != null && allows(rfm.recency(), score.recency())
          && allows(rfm.frequency(), score.frequency()) && allows(rfm.monetary(), score.monetary());
    }
    if (r.rfmGroup() != null) {
      if (score == null || score.recency() == null) {
        return false;
      }
      for (int[] box : GROUPS.get(r.rfmGroup())) {
        if (score.recency() >= box[0] && score.recency() <= box[1] && score.frequency() >= box[2]
            && score.frequency() <= box[3]) {
          return true;
        }
      }
      return false;
    }
    if (r.engagement() != null) {
      return compare("number", score == null ? null : BigDecimal.valueOf(score.engagement()), r.engagement().op(),
          r.engagement().value(), asOf);
    }
    if (r.segment() != null) {
      return memberships.getOrDefault(c.id(), List.of()).stream()
          .anyMatch(m -> m.leftAt() == null && segmentKeys.get(m.segmentId()).equals(r.segment()));
    }
    throw new IllegalArgumentException("Empty rule node");
  }

  private static boolean allows(List<Integer> allowed, Integer score) {
    return allowed == null || allowed.contains(score);
  }

  private static Object fieldValue(Dataset.Customer c, String field) {
    return switch (field) {
      case "givenName" -> c.givenName();
      case "familyName" -> c.familyName();
      case "email" -> c.email();
      case "phone" -> c.phone();
      case "birthDate" -> c.birthDate();
      case "language" -> c.language();
      case "country" -> c.country();
      case "region" -> c.region();
      case "city" -> c.city();
      case "postalCode" -> c.postalCode();
      case "lifecycleStage" -> c.lifecycleStage();
      case "attentionSince" -> c.attentionSince();
      case "createdAt" -> c.createdAt();
      case "updatedAt" -> c.updatedAt();
      default -> throw new IllegalArgumentException(field);
    };
  }

  private static boolean tags(Set<String> tags, String op, Object value) {
    return switch (op) {
      case "contains" -> tags.contains((String) value);
      case "in" -> ((Collection<?>) value).stream().anyMatch(tags::contains);
      case "notIn" -> ((Collection<?>) value).stream().noneMatch(tags::contains);
      case "exists" -> !tags.isEmpty();
      case "missing" -> tags.isEmpty();
      default -> throw new IllegalArgumentException(op);
    };
  }

  /** A value of a kind compared by an operator; absent values satisfy only the negative operators. */
  static boolean compare(String kind, Object x, String op, Object value, Instant asOf) {
    switch (op) {
      case "exists":
        return x != null;
      case "missing":
        return x == null;
      case "ne":
        return !compare(kind, x, "eq", value, asOf);
      case "notIn":
        return !compare(kind, x, "in", value, asOf);
      default:
        break;
    }
    if (x == null) {
      return false;
    }
    LocalDate today = asOf.atOffset(ZoneOffset.UTC).toLocalDate();
    return switch (op) {
      case "eq" -> order(kind, x, value) == 0;
      case "in" -> ((Collection<?>) value).stream().anyMatch(v -> order(kind, x, v) == 0);
      case "contains" -> text(kind, x).contains(text(kind, value));
      case "startsWith" -> text(kind, x).startsWith(text(kind, value));
      case "gt", "after" -> order(kind, x, value) > 0;
      case "gte" -> order(kind, x, value) >= 0;
      case "lt", "before" -> order(kind, x, value) < 0;
      case "lte" -> order(kind, x, value) <= 0;
      case "between" -> order(kind, x, ((List<?>) value).get(0)) >= 0 && order(kind, x, ((List<?>) value).get(1)) <= 0;
      case "withinLastDays" -> {
        int days = ((Number) value).intValue();
        if (kind.equals("date")) {
          LocalDate d = (LocalDate) x;
          yield !d.isBefore(today.minusDays(days)) && !d.isAfter(today);
        }
        Instant t = (Instant) x;
        yield !t.isBefore(asOf.minus(Duration.ofDays(days))) && !t.isAfter(asOf);
      }
      case "moreThanDaysAgo" -> {
        int days = ((Number) value).intValue();
        yield kind.equals("date") ? ((LocalDate) x).isBefore(today.minusDays(days))
            : ((Instant) x).isBefore(asOf.minus(Duration.ofDays(days)));
      }
      default -> throw new IllegalArgumentException(op);
    };
  }

  private static String text(String kind, Object value) {
    String s = (String) value;
    return kind.equals("name") ? s.toLowerCase(Locale.ROOT) : s;
  }

  /**
   * The order of {@code x} against a rule value: numbers numerically, dates as dates, timestamps against a
   * date by their UTC day and against an instant exactly, texts for equality only (names ignoring case).
   */
  private static int order(String kind, Object x, Object value) {
    switch (kind) {
      case "number":
        return ((BigDecimal) x).compareTo(new BigDecimal(value.toString()));
      case "boolean":
        return x.equals(value) ? 0 : 1;
      case "date":
        return ((LocalDate) x).compareTo(LocalDate.parse((String) value));
      case "timestamp": {
        String v = (String) value;
        if (v.length() == 10) {
          return ((Instant) x).atOffset(ZoneOffset.UTC).toLocalDate().compareTo(LocalDate.parse(v));
        }
        return ((Instant) x).compareTo(Instant.parse(v));
      }
      default:
        return text(kind, x).equals(text(kind, value)) ? 0 : 1;
    }
  }

  private static boolean counted(String status) {
    return !status.equals("CANCELLED") && !status.equals("REFUNDED");
  }

  /** The latest decision up to asOf is a grant; at a tie, any refusal wins. */
  private boolean contactable(long customerId, String channel, String purpose, Instant asOf) {
    List<Dataset.Consent> decisions = consents.getOrDefault(customerId, List.of()).stream()
        .filter(d -> d.channel().equals(channel) && d.purpose().equals(purpose) && !d.decidedAt().isAfter(asOf))
        .toList();
    Instant latest = decisions.stream().map(Dataset.Consent::decidedAt).max(Instant::compareTo).orElse(null);
    if (latest == null) {
      return false;
    }
    Set<String> statuses = decisions.stream().filter(d -> d.decidedAt().equals(latest))
        .map(Dataset.Consent::status).collect(Collectors.toSet());
    return statuses.contains("GRANTED") && !statuses.contains("DENIED") && !statuses.contains("WITHDRAWN");
  }

  // ---- events

  /** One event a behaviour condition sees: its time and the amounts it carries. */
  private record Event(Instant time, Map<String, BigDecimal> amounts) {}

  private List<Event> events(long customerId, String of, EventFilter where, BehaviourCondition window,
      Instant asOf) {
    EventFilter f = where == null ? EventFilter.none() : where;
    List<Event> events = new ArrayList<>();
    if (of.equals("interactions")) {
      for (Dataset.Interaction i : interactions.getOrDefault(customerId, List.of())) {
        if (in(f.channel(), i.channel()) && in(f.type(), i.type()) && in(f.direction(), i.direction())
            && inWindow(i.occurredAt(), window, asOf)) {
          events.add(new Event(i.occurredAt(), Map.of()));
        }
      }
      return events;
    }
    for (Dataset.Purchase p : purchases.getOrDefault(customerId, List.of())) {
      boolean statusOk = f.status() == null ? counted(p.status()) : f.status().contains(p.status());
      if (!statusOk || !inWindow(p.placedAt(), window, asOf) || f.currency() != null && !f.currency()
          .equals(p.currency()) || !in(f.source(), p.source())) {
        continue;
      }
      List<Dataset.Line> lines = p.lines().stream()
          .filter(l -> (f.category() == null || l.category() != null && f.category().contains(l.category()))
              && in(f.sku(), l.sku()))
          .toList();
      if (of.equals("purchases")) {
        if ((f.category() != null || f.sku() != null) && lines.isEmpty()) {
          continue;
        }
        events.add(new Event(p.placedAt(), Map.of("total", p.total(), "netTotal", p.netTotal(), "subtotal",
            p.subtotal(), "discountTotal", p.discountTotal(), "refundedTotal", p.refundedTotal())));
      } else {
        for (Dataset.Line l : lines) {
          events.add(new Event(p.placedAt(), Map.of("lineTotal", l.lineTotal(), "unitPrice", l.unitPrice(),
              "quantity", BigDecimal.valueOf(l.quantity()))));
        }
      }
    }
    return events;
  }

  private static boolean in(List<String> allowed, String value) {
    return allowed == null || allowed.contains(value);
  }

  /** Up to asOf, and within the condition's window (last days up to asOf, or UTC days from–to). */
  private static boolean inWindow(Instant t, BehaviourCondition window, Instant asOf) {
    if (t.isAfter(asOf)) {
      return false;
    }
    if (window == null) {
      return true;
    }
    if (window.withinLastDays() != null) {
      return !t.isBefore(asOf.minus(Duration.ofDays(window.withinLastDays())));
    }
    if (window.from() != null) {
      LocalDate day = t.atOffset(ZoneOffset.UTC).toLocalDate();
      return !day.isBefore(LocalDate.parse(window.from())) && !day.isAfter(LocalDate.parse(window.to()));
    }
    return true;
  }

  private boolean behaviour(long customerId, BehaviourCondition b, Instant asOf) {
    List<Event> events = events(customerId, b.of(), b.where(), b, asOf);
    if (b.measure().equals("count")) {
      return compareNumber(BigDecimal.valueOf(events.size()), b.op(), b.value());
    }
    List<BigDecimal> amounts = events.stream().map(e -> e.amounts().get(b.amountOf())).toList();
    BigDecimal sum = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return switch (b.measure()) {
      case "sum" -> compareNumber(sum, b.op(), b.value());
      case "avg" -> !amounts.isEmpty() && compareAverage(sum, amounts.size(), b.op(), b.value());
      case "max" -> !amounts.isEmpty() && compareNumber(amounts.stream().max(BigDecimal::compareTo).get(), b.op(),
          b.value());
      case "min" -> !amounts.isEmpty() && compareNumber(amounts.stream().min(BigDecimal::compareTo).get(), b.op(),
          b.value());
      default -> throw new IllegalArgumentException(b.measure());
    };
  }

  private static boolean compareNumber(BigDecimal x, String op, Object value) {
    return compare("number", x, op, value, Instant.EPOCH);
  }

  /** sum/n compared exactly: sum against value·n. */
  private static boolean compareAverage(BigDecimal sum, int n, String op, Object value) {
    if (op.equals("between")) {
      List<?> bounds = (List<?>) value;
      return compareAverage(sum, n, "gte", bounds.get(0)) && compareAverage(sum, n, "lte", bounds.get(1));
    }
    BigDecimal scaled = new BigDecimal(value.toString()).multiply(BigDecimal.valueOf(n));
    int c = sum.compareTo(scaled);
    return switch (op) {
      case "eq" -> c == 0;
      case "ne" -> c != 0;
      case "gt" -> c > 0;
      case "gte" -> c >= 0;
      case "lt" -> c < 0;
      case "lte" -> c <= 0;
      default -> throw new IllegalArgumentException(op);
    };
  }

  private boolean recency(long customerId, RecencyCondition r, Instant asOf) {
    Instant last = events(customerId, r.of(), r.where(), null, asOf).stream().map(Event::time)
        .max(Instant::compareTo).orElse(null);
    if (last == null) {
      return false;
    }
    Duration age = Duration.between(last, asOf);
    Duration days = Duration.ofDays(r.days());
    int c = age.compareTo(days);
    return switch (r.op()) {
      case "gt" -> c > 0;
      case "gte" -> c >= 0;
      case "lt" -> c < 0;
      case "lte" -> c <= 0;
      default -> throw new IllegalArgumentException(r.op());
    };
  }
}

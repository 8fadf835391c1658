package org.clientele.crm.impl.segment;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.AttributeType;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Direction;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.purchase.PurchaseStatus;
import org.clientele.crm.api.segment.BehaviourCondition;
import org.clientele.crm.api.segment.ConsentCondition;
import org.clientele.crm.api.segment.DateCondition;
import org.clientele.crm.api.segment.EventFilter;
import org.clientele.crm.api.segment.RecencyCondition;
import org.clientele.crm.api.segment.RfmCondition;
import org.clientele.crm.api.segment.ScoreCondition;
import org.clientele.crm.api.segment.SegmentRule;

/**
 * Checks a segment rule against the profile-field whitelist, the operators each type takes, the registered
 * attributes and the other segments, and reports every problem with the path of the offending value, e.g.
 * {@code rule.all[2].any[0].op}. Stateless and thread-safe.
 */
@ApplicationScoped
public class SegmentRuleValidator {

  /** The longest window a behaviour condition, a relative date or a recency may span, in days. */
  public static final int MAX_WINDOW_DAYS = 3650;
  /** How deep groups may nest (the root is level 1). */
  public static final int MAX_DEPTH = 8;
  /** How many nodes a rule may have. */
  public static final int MAX_CONDITIONS = 500;
  /** How many values a list ({@code in}, {@code notIn}) may hold, and all lists of a rule together. */
  public static final int MAX_LIST_VALUES = 1000;
  public static final int MAX_RULE_VALUES = 5000;
  /** The longest text value. */
  public static final int MAX_TEXT = 500;

  private static final BigDecimal NUMBER_LIMIT = new BigDecimal("1E20");
  private static final String ROOT = "rule";
  private static final List<String> KINDS = List.of("all", "any", "not", "field", "attribute", "consent",
      "behaviour", "recency", "firstPurchase", "rfm", "rfmGroup", "engagement", "segment");
  private static final Set<Operator> BEHAVIOUR_OPERATORS = EnumSet.of(Operator.EQ, Operator.NE, Operator.GT,
      Operator.GTE, Operator.LT, Operator.LTE, Operator.BETWEEN);
  private static final Set<Operator> RECENCY_OPERATORS = EnumSet.of(Operator.GT, Operator.GTE, Operator.LT,
      Operator.LTE);
  private static final Set<Operator> SCORE_OPERATORS = EnumSet.of(Operator.EQ, Operator.NE, Operator.GT,
      Operator.GTE, Operator.LT, Operator.LTE, Operator.BETWEEN, Operator.EXISTS, Operator.MISSING);

  /**
   * Every problem of the rule; empty when it is valid.
   *
   * @param segmentKey the key of the segment the rule belongs to, so that a reference to itself is a cycle;
   *     null for a rule not stored yet under a key
   */
  public List<FieldViolation> violations(String segmentKey, SegmentRule rule, SegmentCatalog catalog) {
    Parse parse = new Parse(segmentKey, rule, catalog);
    parse.node(ROOT, rule, 1);
    return List.copyOf(parse.violations);
  }

  /** @throws InvalidInputException naming every problem of the rule */
  public void validate(String segmentKey, SegmentRule rule, SegmentCatalog catalog) {
    parse(segmentKey, rule, catalog);
  }

  /** The checked, typed form of the rule that the compiler reads. */
  Condition parse(String segmentKey, SegmentRule rule, SegmentCatalog catalog) {
    Parse parse = new Parse(segmentKey, rule, catalog);
    Condition condition = parse.node(ROOT, rule, 1);
    if (!parse.violations.isEmpty()) {
      throw new InvalidInputException(parse.violations);
    }
    return condition;
  }

  /**
   * The keys of the segments a rule refers to directly, e.g. to recompute those first. Tolerates invalid
   * rules (it only reads {@code segment} members).
   */
  public static Set<String> referencedSegments(SegmentRule rule) {
    Set<String> keys = new LinkedHashSet<>();
    collectReferences(rule, keys, 0);
    return keys;
  }

  private static void collectReferences(SegmentRule rule, Set<String> keys, int depth) {
    if (rule == null || depth > MAX_DEPTH) {
      return;
    }
    if (rule.segment() != null) {
      keys.add(rule.segment());
    }
    if (rule.all() != null) {
      rule.all().forEach(r -> collectReferences(r, keys, depth + 1));
    }
    if (rule.any() != null) {
      rule.any().forEach(r -> collectReferences(r, keys, depth + 1));
    }
    collectReferences(rule.not(), keys, depth + 1);
  }

  /** One validation run: the violations found so far and the counts that limit a rule's size. */
  private static final class Parse {

    final List<FieldViolation> violations = new ArrayList<>();
    final String ownKey;
    final SegmentRule ownRule;
    final SegmentCatalog catalog;
    final Set<String> acyclic = new HashSet<>();
    int conditions;
    int values;

    Parse(String ownKey, SegmentRule ownRule, SegmentCatalog catalog) {
      this.ownKey = ownKey;
      this.ownRule = ownRule;
      this.catalog = catalog;
    }

    void add(String path, String message) {
      violations.add(new FieldViolation(path, message));
    }

    Condition node(String path, SegmentRule rule, int depth) {
      if (rule == null) {
        add(path, "is required");
        return null;
      }
      if (depth > MAX_DEPTH) {
        add(path, "nests too deep: rules may have at most " + MAX_DEPTH + " levels");
        return null;
      }
      if (++conditions == MAX_CONDITIONS + 1) {
        add(ROOT, "has too many conditions: at most " + MAX_CONDITIONS);
      }
      List<String> kinds = kinds(rule);
      if (kinds.size() != 1) {
        add(path, kinds.isEmpty() ? "must have one of " + String.join(", ", KINDS)
            : "must have only one of " + String.join(", ", kinds));
        return null;
      }
      if (rule.field() == null && rule.attribute() == null) {
        if (rule.op() != null) {
          add(path + ".op", "applies only to field and attribute conditions");
        }
        if (rule.value() != null) {
          add(path + ".value", "applies only to field and attribute conditions");
        }
      }
      return switch (kinds.get(0)) {
        case "all" -> {
          List<Condition> items = group(path + ".all", rule.all(), depth);
          yield items == null ? null : new Condition.All(items);
        }
        case "any" -> {
          List<Condition> items = group(path + ".any", rule.any(), depth);
          yield items == null ? null : new Condition.Any(items);
        }
        case "not" -> {
          Condition item = node(path + ".not", rule.not(), depth + 1);
          yield item == null ? null : new Condition.Not(item);
        }
        case "field" -> field(path, rule);
        case "attribute" -> attribute(path, rule);
        case "consent" -> consent(path + ".consent", rule.consent());
        case "behaviour" -> behaviour(path + ".behaviour", rule.behaviour());
        case "recency" -> recency(path + ".recency", rule.recency());
        case "firstPurchase" -> firstPurchase(path + ".firstPurchase", rule.firstPurchase());
        case "rfm" -> rfm(path + ".rfm", rule.rfm());
        case "rfmGroup" -> rfmGroup(path + ".rfmGroup", rule.rfmGroup());
        case "engagement" -> engagement(path + ".engagement", rule.engagement());
        case "segment" -> segment(path + ".segment", rule.segment());
        default -> throw new IllegalStateException(kinds.get(0));
      };
    }

    private static List<String> kinds(SegmentRule rule) {
      List<String> kinds = new ArrayList<>();
      Object[] members = {rule.all(), rule.any(), rule.not(), rule.field(), rule.attribute(), rule.consent(),
          rule.behaviour(), rule.recency(), rule.firstPurchase(), rule.rfm(), rule.rfmGroup(), rule.engagement(),
          rule.segment()};
      for (int i = 0; i < members.length; i++) {
        if (members[i] != null) {
          kinds.add(KINDS.get(i));
        }
      }
      return kinds;
    }

    private List<Condition> group(String path, List<SegmentRule> rules, int depth) {
      if (rules.isEmpty()) {
        add(path, "must have at least one condition");
        return null;
      }
      List<Condition> items = new ArrayList<>();
      boolean complete = true;
      for (int i = 0; i < rules.size(); i++) {
        Condition item = node(path + "[" + i + "]", rules.get(i), depth + 1);
        complete &= item != null;
        items.add(item);
      }
      return complete ? items : null;
    }

    private Condition field(String path, SegmentRule rule) {
      Optional<ProfileField> field = ProfileField.of(rule.field());
      if (field.isEmpty()) {
        add(path + ".field", "is not a profile field; use one of " + String.join(", ", ProfileField.names()));
        return null;
      }
      ProfileField f = field.get();
      Condition.Comparison comparison = comparison(path, f.type(), f.type().operators(), rule.op(), rule.value(),
          f.allowedValues());
      return comparison == null ? null : new Condition.FieldTest(f, comparison);
    }

    private Condition attribute(String path, SegmentRule rule) {
      Optional<AttributeDefinition> definition = rule.attribute().isBlank() ? Optional.empty()
          : catalog.attribute(rule.attribute());
      if (definition.isEmpty()) {
        add(path + ".attribute", "is not a registered attribute");
        return null;
      }
      AttributeType attributeType = definition.get().type();
      ValueType type = switch (attributeType) {
        case STRING -> ValueType.TEXT;
        case NUMBER -> ValueType.NUMBER;
        case BOOLEAN -> ValueType.BOOLEAN;
        case DATE -> ValueType.DATE;
      };
      Condition.Comparison comparison = comparison(path, type, type.operators(), rule.op(), rule.value(),
          definition.get().allowedValues());
      return comparison == null ? null : new Condition.AttributeTest(rule.attribute(), attributeType, comparison);
    }

    private Condition consent(String path, ConsentCondition consent) {
      ConsentChannel channel = enumValue(path + ".channel", consent.channel(), ConsentChannel.class);
      ConsentPurpose purpose = enumValue(path + ".purpose", consent.purpose(), ConsentPurpose.class);
      return channel == null || purpose == null ? null : new Condition.Consent(channel, purpose);
    }

    private Condition behaviour(String path, BehaviourCondition b) {
      Condition.EventKind of = eventKind(path + ".of", b.of(), EnumSet.allOf(Condition.EventKind.class));
      Condition.Measure measure = null;
      if (b.measure() == null) {
        add(path + ".measure", "is required");
      } else {
        measure = Condition.Measure.of(b.measure()).orElse(null);
        if (measure == null) {
          add(path + ".measure", "must be one of " + names(Condition.Measure.values(), m -> m.json));
        } else if (of == Condition.EventKind.INTERACTIONS && measure != Condition.Measure.COUNT) {
          add(path + ".measure", "must be count for interactions");
          measure = null;
        }
      }
      Condition.Amount amount = null;
      boolean amountOk = true;
      if (measure == Condition.Measure.COUNT && b.amountOf() != null) {
        add(path + ".amountOf", "must be absent for count");
        amountOk = false;
      } else if (measure != null && measure != Condition.Measure.COUNT && of != null) {
        if (b.amountOf() == null) {
          add(path + ".amountOf", "is required for " + measure.json);
          amountOk = false;
        } else {
          amount = Condition.Amount.of(of, b.amountOf()).orElse(null);
          if (amount == null) {
            add(path + ".amountOf", "must be one of " + String.join(", ", Condition.Amount.names(of)));
            amountOk = false;
          }
        }
      }
      Condition.Filter filter = of == null ? null : filter(path + ".where", of, b.where());
      if (amount != null && amount.money && filter != null && filter.currency() == null) {
        add(path + ".where.currency", "is required to add up or compare amounts of money (of one currency)");
        filter = null;
      }
      Condition.Window window = window(path, b);
      Condition.Comparison comparison = comparison(path, ValueType.NUMBER, BEHAVIOUR_OPERATORS, b.op(), b.value(),
          List.of());
      if (comparison != null && measure == Condition.Measure.COUNT) {
        for (int i = 0; i < comparison.operands().size(); i++) {
          BigDecimal n = (BigDecimal) comparison.operands().get(i);
          if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0) {
            add(path + ".value" + (comparison.op() == Operator.BETWEEN ? "[" + i + "]" : ""),
                "must be a whole number of at least 0 for count");
            comparison = null;
            break;
          }
        }
      }
      if (of == null || measure == null || !amountOk || filter == null || window == null || comparison == null) {
        return null;
      }
      return new Condition.Behaviour(of, measure, amount, filter, window, comparison);
    }

    private Condition.Window window(String path, BehaviourCondition b) {
      if (b.withinLastDays() != null) {
        if (b.from() != null || b.to() != null) {
          add(path + ".withinLastDays", "must not be combined with from and to");
          return null;
        }
        return days(path + ".withinLastDays", b.withinLastDays(), 1) == null ? null
            : new Condition.Window(b.withinLastDays(), null, null);
      }
      if (b.from() == null && b.to() == null) {
        return Condition.Window.ALL;
      }
      if (b.from() == null || b.to() == null) {
        add(path + (b.from() == null ? ".from" : ".to"), "is required with " + (b.from() == null ? "to" : "from"));
        return null;
      }
      LocalDate from = date(path + ".from", b.from());
      LocalDate to = date(path + ".to", b.to());
      if (from == null || to == null) {
        return null;
      }
      if (from.isAfter(to)) {
        add(path + ".from", "must not be after to");
        return null;
      }
      if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_WINDOW_DAYS) {
        add(path + ".to", "makes the window too large: at most " + MAX_WINDOW_DAYS + " days");
        return null;
      }
      return new Condition.Window(null, from, to);
    }

    private Condition.Filter filter(String path, Condition.EventKind of, EventFilter where) {
      if (where == null) {
        return Condition.Filter.NONE;
      }
      int before = violations.size();
      boolean purchases = of != Condition.EventKind.INTERACTIONS;
      String notFor = "does not apply to " + of.json;
      List<PurchaseStatus> statuses = null;
      String currency = null;
      List<String> sources = null;
      List<String> categories = null;
      List<String> skus = null;
      List<Channel> channels = null;
      List<InteractionType> types = null;
      List<Direction> directions = null;
      if (purchases) {
        statuses = enumList(path + ".status", where.status(), PurchaseStatus.class);
        if (where.currency() != null) {
          currency = where.currency();
          if (!currency.matches("[A-Z]{3}")) {
            add(path + ".currency", "must be an ISO 4217 code, e.g. EUR");
          }
        }
        sources = textList(path + ".source", where.source(), 100);
        categories = textList(path + ".category", where.category(), 100);
        skus = textList(path + ".sku", where.sku(), 100);
        notApplicable(path, notFor, new String[] {"channel", "type", "direction"},
            where.channel(), where.type(), where.direction());
      } else {
        channels = enumList(path + ".channel", where.channel(), Channel.class);
        types = enumList(path + ".type", where.type(), InteractionType.class);
        directions = enumList(path + ".direction", where.direction(), Direction.class);
        notApplicable(path, notFor, new String[] {"status", "currency", "source", "category", "sku"},
            where.status(), where.currency(), where.source(), where.category(), where.sku());
      }
      if (violations.size() > before) {
        return null;
      }
      return new Condition.Filter(statuses, currency, sources, categories, skus, channels, types, directions);
    }

    private void notApplicable(String path, String message, String[] names, Object... members) {
      for (int i = 0; i < names.length; i++) {
        if (members[i] != null) {
          add(path + "." + names[i], message);
        }
      }
    }

    private Condition recency(String path, RecencyCondition r) {
      Condition.EventKind of = eventKind(path + ".of", r.of(),
          EnumSet.of(Condition.EventKind.PURCHASES, Condition.EventKind.INTERACTIONS));
      Condition.Filter filter = of == null ? null : filter(path + ".where", of, r.where());
      Operator op = null;
      if (r.op() == null) {
        add(path + ".op", "is required");
      } else {
        op = Operator.of(r.op()).filter(RECENCY_OPERATORS::contains).orElse(null);
        if (op == null) {
          add(path + ".op", "must be one of " + tokens(RECENCY_OPERATORS));
        }
      }
      Integer days = days(path + ".days", r.days(), 0);
      return of == null || filter == null || op == null || days == null ? null
          : new Condition.Recency(of, filter, op, days);
    }

    private Condition firstPurchase(String path, DateCondition d) {
      Condition.Comparison comparison = comparison(path, ValueType.TIMESTAMP, ValueType.TIMESTAMP.operators(),
          d.op(), d.value(), List.of());
      return comparison == null ? null : new Condition.FirstPurchase(comparison);
    }

    private Condition rfm(String path, RfmCondition rfm) {
      if (rfm.recency() == null && rfm.frequency() == null && rfm.monetary() == null) {
        add(path, "must restrict at least one of recency, frequency, monetary");
        return null;
      }
      int before = violations.size();
      Set<Integer> r = scores(path + ".recency", rfm.recency());
      Set<Integer> f = scores(path + ".frequency", rfm.frequency());
      Set<Integer> m = scores(path + ".monetary", rfm.monetary());
      return violations.size() > before ? null : new Condition.Rfm(r, f, m);
    }

    private Set<Integer> scores(String path, List<Integer> scores) {
      if (scores == null) {
        return null;
      }
      if (scores.isEmpty()) {
        add(path, "must have at least one score");
        return null;
      }
      Set<Integer> result = new TreeSet<>();
      for (int i = 0; i < scores.size(); i++) {
        Integer s = scores.get(i);
        if (s == null || s < 1 || s > 5) {
          add(path + "[" + i + "]", "must be a score from 1 to 5");
        } else {
          result.add(s);
        }
      }
      return result;
    }

    private Condition rfmGroup(String path, String key) {
      Optional<RfmGroup> group = RfmGroup.of(key);
      if (group.isEmpty()) {
        add(path, "must be one of " + names(RfmGroup.values(), RfmGroup::key));
        return null;
      }
      return new Condition.InRfmGroup(group.get());
    }

    private Condition engagement(String path, ScoreCondition s) {
      Condition.Comparison comparison = comparison(path, ValueType.NUMBER, SCORE_OPERATORS, s.op(), s.value(),
          List.of());
      if (comparison == null) {
        return null;
      }
      for (Object operand : comparison.operands()) {
        BigDecimal n = (BigDecimal) operand;
        if (n.signum() < 0 || n.compareTo(BigDecimal.valueOf(100)) > 0) {
          add(path + ".value", "must be between 0 and 100");
          return null;
        }
      }
      return new Condition.Engagement(comparison);
    }

    private Condition segment(String path, String key) {
      if (key.isBlank()) {
        add(path, "must not be blank");
        return null;
      }
      if (!key.equals(ownKey) && catalog.segment(key).isEmpty()) {
        add(path, "is not a known segment");
        return null;
      }
      Optional<List<String>> cycle = cycleThrough(key);
      if (cycle.isPresent()) {
        add(path, "refers to segments in a cycle: " + String.join(" → ", cycle.get()));
        return null;
      }
      return new Condition.InSegment(key, catalog.segment(key).map(SegmentCatalog.Segment::id).orElse(null));
    }

    /** A chain of references from this key back to a segment already on the chain (the rule's own first). */
    private Optional<List<String>> cycleThrough(String key) {
      Deque<String> chain = new ArrayDeque<>();
      if (ownKey != null) {
        chain.add(ownKey);
      }
      return follow(key, chain);
    }

    private Optional<List<String>> follow(String key, Deque<String> chain) {
      if (chain.contains(key)) {
        List<String> cycle = new ArrayList<>(chain);
        cycle.add(key);
        return Optional.of(cycle.subList(cycle.indexOf(key), cycle.size()));
      }
      if (acyclic.contains(key)) {
        return Optional.empty();
      }
      chain.addLast(key);
      SegmentRule rule = key.equals(ownKey) ? ownRule
          : catalog.segment(key).map(SegmentCatalog.Segment::rule).orElse(null);
      for (String next : referencedSegments(rule)) {
        Optional<List<String>> found = follow(next, chain);
        if (found.isPresent()) {
          return found;
        }
      }
      chain.removeLast();
      acyclic.add(key);
      return Optional.empty();
    }

    // ---- comparisons and values

    /**
     * The operator (from {@code allowed}, and one the type takes) and its operands, typed; null after
     * reporting a problem. {@code path} is the node (or condition) holding {@code op} and {@code value}.
     */
    private Condition.Comparison comparison(String path, ValueType type, Set<Operator> allowed, String opToken,
        Object value, List<String> allowedValues) {
      if (opToken == null) {
        add(path + ".op", "is required");
        return null;
      }
      Set<Operator> operators = EnumSet.copyOf(allowed);
      operators.retainAll(type.operators());
      Optional<Operator> parsed = Operator.of(opToken);
      if (parsed.isEmpty() || !operators.contains(parsed.get())) {
        add(path + ".op", (parsed.isEmpty() ? "is not an operator" : "does not apply to a " + type.label())
            + "; use one of " + tokens(operators));
        return null;
      }
      Operator op = parsed.get();
      String valuePath = path + ".value";
      List<String> restrictTo = op == Operator.EQ || op == Operator.NE || op == Operator.IN || op == Operator.NOT_IN
          ? allowedValues : List.of();
      List<Object> operands = new ArrayList<>();
      switch (op) {
        case EXISTS, MISSING -> {
          if (value != null) {
            add(valuePath, "must be absent for " + op.token());
            return null;
          }
        }
        case IN, NOT_IN -> {
          if (!(value instanceof Collection<?> list) || list.isEmpty() || list.size() > MAX_LIST_VALUES) {
            add(valuePath, "must be a list of 1 to " + MAX_LIST_VALUES + " values");
            return null;
          }
          int i = 0;
          for (Object element : list) {
            operands.add(scalar(valuePath + "[" + i++ + "]", type, element, restrictTo));
          }
        }
        case BETWEEN -> {
          if (!(value instanceof Collection<?> list) || list.size() != 2) {
            add(valuePath, "must be a list of two values [low, high]");
            return null;
          }
          int i = 0;
          for (Object element : list) {
            operands.add(scalar(valuePath + "[" + i++ + "]", type, element, restrictTo));
          }
          if (!operands.contains(null) && after(operands.get(0), operands.get(1))) {
            add(valuePath, "must be [low, high] with low not above high");
            return null;
          }
        }
        case WITHIN_LAST_DAYS, MORE_THAN_DAYS_AGO -> operands.add(
            days(valuePath, value, op == Operator.WITHIN_LAST_DAYS ? 1 : 0));
        default -> operands.add(scalar(valuePath, type, value, restrictTo));
      }
      if (operands.contains(null)) {
        return null;
      }
      values += operands.size();
      if (values > MAX_RULE_VALUES && values - operands.size() <= MAX_RULE_VALUES) {
        add(ROOT, "has too many values: at most " + MAX_RULE_VALUES + " in all");
      }
      return new Condition.Comparison(op, List.copyOf(operands));
    }

    /** Whether the low bound of a between lies above its high bound (dates and instants compared as days). */
    private static boolean after(Object low, Object high) {
      if (low instanceof BigDecimal l && high instanceof BigDecimal h) {
        return l.compareTo(h) > 0;
      }
      if (low instanceof String l && high instanceof String h) {
        return l.compareTo(h) > 0;
      }
      return start(low).isAfter(start(high));
    }

    private static Instant start(Object dateOrInstant) {
      return dateOrInstant instanceof LocalDate d ? d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          : (Instant) dateOrInstant;
    }

    private Object scalar(String path, ValueType type, Object value, List<String> allowedValues) {
      if (value == null) {
        add(path, "is required");
        return null;
      }
      return switch (type) {
        case TEXT, NAME, ENUM, TAGS -> text(path, value, allowedValues);
        case NUMBER -> number(path, value);
        case BOOLEAN -> {
          if (value instanceof Boolean b) {
            yield b;
          }
          add(path, "must be true or false");
          yield null;
        }
        case DATE -> value instanceof LocalDate d ? inRange(path, d) : date(path, value);
        case TIMESTAMP -> timestamp(path, value);
      };
    }

    private String text(String path, Object value, List<String> allowedValues) {
      if (!(value instanceof String s)) {
        add(path, "must be a string");
        return null;
      }
      if (s.isBlank()) {
        add(path, "must not be blank");
        return null;
      }
      if (s.length() > MAX_TEXT) {
        add(path, "must be at most " + MAX_TEXT + " characters");
        return null;
      }
      if (!allowedValues.isEmpty() && !allowedValues.contains(s)) {
        add(path, "must be one of " + allowedValues);
        return null;
      }
      return s;
    }

    private BigDecimal number(String path, Object value) {
      BigDecimal n = null;
      if (value instanceof BigDecimal d) {
        n = d;
      } else if (value instanceof BigInteger i) {
        n = new BigDecimal(i);
      } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
        n = BigDecimal.valueOf(((Number) value).longValue());
      } else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
        n = new BigDecimal(value.toString());
      }
      if (n == null) {
        add(path, "must be a number");
        return null;
      }
      if (n.abs().compareTo(NUMBER_LIMIT) >= 0) {
        add(path, "must be less than 10^20 in magnitude");
        return null;
      }
      return n;
    }

    private LocalDate date(String path, Object value) {
      if (value instanceof String s) {
        try {
          return inRange(path, LocalDate.parse(s));
        } catch (DateTimeParseException e) {
          // reported below
        }
      }
      add(path, "must be an ISO date, e.g. 2026-03-01");
      return null;
    }

    private LocalDate inRange(String path, LocalDate date) {
      if (date.getYear() < 1000 || date.getYear() > 9998) {
        add(path, "must be between the years 1000 and 9998");
        return null;
      }
      return date;
    }

    /** An ISO date (a UTC day) or an instant. */
    private Object timestamp(String path, Object value) {
      Object parsed = null;
      if (value instanceof LocalDate || value instanceof Instant) {
        parsed = value;
      } else if (value instanceof OffsetDateTime o) {
        parsed = o.toInstant();
      } else if (value instanceof ZonedDateTime z) {
        parsed = z.toInstant();
      } else if (value instanceof String s) {
        parsed = parseTimestamp(s);
      }
      if (parsed == null) {
        add(path, "must be an ISO date (2026-03-01) or instant (2026-03-01T12:00:00Z)");
        return null;
      }
      if (parsed instanceof LocalDate d) {
        return inRange(path, d);
      }
      Instant instant = (Instant) parsed;
      return inRange(path, instant.atOffset(java.time.ZoneOffset.UTC).toLocalDate()) == null ? null : instant;
    }

    private static Object parseTimestamp(String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e2) {
          return null;
        }
      }
    }

    private Integer days(String path, Object value, int min) {
      if (value == null) {
        add(path, "is required");
        return null;
      }
      BigDecimal n = value instanceof Number ? number(path, value) : null;
      if (n == null || n.stripTrailingZeros().scale() > 0) {
        if (n != null || !(value instanceof Number)) {
          add(path, "must be a whole number of days");
        }
        return null;
      }
      if (n.compareTo(BigDecimal.valueOf(min)) < 0) {
        add(path, "must be at least " + min);
        return null;
      }
      if (n.compareTo(BigDecimal.valueOf(MAX_WINDOW_DAYS)) > 0) {
        add(path, "makes the window too large: at most " + MAX_WINDOW_DAYS + " days");
        return null;
      }
      return n.intValueExact();
    }

    private Condition.EventKind eventKind(String path, String of, Set<Condition.EventKind> allowed) {
      if (of == null) {
        add(path, "is required");
        return null;
      }
      Optional<Condition.EventKind> kind = Condition.EventKind.of(of).filter(allowed::contains);
      if (kind.isEmpty()) {
        add(path, "must be one of " + allowed.stream().map(k -> k.json).collect(Collectors.joining(", ")));
        return null;
      }
      return kind.get();
    }

    private <E extends Enum<E>> E enumValue(String path, String value, Class<E> type) {
      if (value == null || value.isBlank()) {
        add(path, "is required");
        return null;
      }
      try {
        return Enum.valueOf(type, value);
      } catch (IllegalArgumentException e) {
        add(path, "must be one of " + names(type.getEnumConstants(), Enum::name));
        return null;
      }
    }

    private <E extends Enum<E>> List<E> enumList(String path, List<String> values, Class<E> type) {
      if (values == null) {
        return null;
      }
      if (values.isEmpty()) {
        add(path, "must have at least one value");
        return null;
      }
      List<E> result = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        E value = enumValue(path + "[" + i + "]", values.get(i), type);
        if (value != null && !result.contains(value)) {
          result.add(value);
        }
      }
      return result;
    }

    private List<String> textList(String path, List<String> values, int maxLength) {
      if (values == null) {
        return null;
      }
      if (values.isEmpty() || values.size() > MAX_LIST_VALUES) {
        add(path, "must have 1 to " + MAX_LIST_VALUES + " values");
        return null;
      }
      List<String> result = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i);
        if (value == null || value.isBlank()) {
          add(path + "[" + i + "]", "must not be blank");
        } else if (value.length() > maxLength) {
          add(path + "[" + i + "]", "must be at most " + maxLength + " characters");
        } else if (!result.contains(value)) {
          result.add(value);
        }
      }
      this.values += result.size();
      return result;
    }

    private static String tokens(Set<Operator> operators) {
      return operators.stream().map(Operator::token).collect(Collectors.joining(", "));
    }

    private static <T> String names(T[] values, Function<T, String> name) {
      return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    }
  }
}

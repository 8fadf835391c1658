package org.clientele.crm.impl.segment;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.clientele.crm.api.customer.AttributeType;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.interaction.Channel;
import org.clientele.crm.api.interaction.Direction;
import org.clientele.crm.api.interaction.InteractionType;
import org.clientele.crm.api.purchase.PurchaseStatus;

/**
 * A rule after validation: typed, every name resolved against the whitelist. Only the validator builds
 * these, and the compiler reads nothing else.
 */
sealed interface Condition {

  record All(List<Condition> items) implements Condition {}

  record Any(List<Condition> items) implements Condition {}

  record Not(Condition item) implements Condition {}

  record FieldTest(ProfileField field, Comparison comparison) implements Condition {}

  record AttributeTest(String key, AttributeType type, Comparison comparison) implements Condition {}

  record Consent(ConsentChannel channel, ConsentPurpose purpose) implements Condition {}

  record Behaviour(EventKind of, Measure measure, Amount amount, Filter filter, Window window,
      Comparison comparison) implements Condition {}

  /** The last event is more ({@code gt}, {@code gte}) or less ({@code lt}, {@code lte}) than so many days old. */
  record Recency(EventKind of, Filter filter, Operator op, int days) implements Condition {}

  record FirstPurchase(Comparison comparison) implements Condition {}

  /** Allowed scores; null: any. */
  record Rfm(Set<Integer> recency, Set<Integer> frequency, Set<Integer> monetary) implements Condition {}

  record InRfmGroup(RfmGroup group) implements Condition {}

  record Engagement(Comparison comparison) implements Condition {}

  /** @param id the segment's id when the catalog knows it (compiled as a parameter the planner can see) */
  record InSegment(String key, Long id) implements Condition {}

  /**
   * An operator and its typed operands: {@code String}, {@code BigDecimal}, {@code Boolean}, {@code LocalDate},
   * {@code Instant}, or {@code Integer} days for the relative date operators. One operand for scalar
   * operators, the list for {@code in}/{@code notIn}, two for {@code between}, none for {@code exists}/{@code missing}.
   */
  record Comparison(Operator op, List<Object> operands) {

    Object operand() {
      return operands.get(0);
    }
  }

  /** Which events; null members do not filter. {@code statuses} null means the counted purchases. */
  record Filter(List<PurchaseStatus> statuses, String currency, List<String> sources, List<String> categories,
      List<String> skus, List<Channel> channels, List<InteractionType> types, List<Direction> directions) {

    static final Filter NONE = new Filter(null, null, null, null, null, null, null, null);
  }

  /** The last {@code lastDays} days before the evaluation time, or the UTC days {@code from}–{@code to}; or all. */
  record Window(Integer lastDays, LocalDate from, LocalDate to) {

    static final Window ALL = new Window(null, null, null);
  }

  enum EventKind {
    PURCHASES("purchases"),
    PURCHASE_LINES("purchaseLines"),
    INTERACTIONS("interactions");

    final String json;

    EventKind(String json) {
      this.json = json;
    }

    static Optional<EventKind> of(String json) {
      return Arrays.stream(values()).filter(k -> k.json.equals(json)).findFirst();
    }
  }

  enum Measure {
    COUNT("count"),
    SUM("sum"),
    AVG("avg"),
    MAX("max"),
    MIN("min");

    final String json;

    Measure(String json) {
      this.json = json;
    }

    static Optional<Measure> of(String json) {
      return Arrays.stream(values()).filter(m -> m.json.equals(json)).findFirst();
    }
  }

  /** The amounts a measure can aggregate, per event kind, and whether they are money (need one currency). */
  enum Amount {
    TOTAL("total", EventKind.PURCHASES, "total", true),
    NET_TOTAL("netTotal", EventKind.PURCHASES, "net_total", true),
    SUBTOTAL("subtotal", EventKind.PURCHASES, "subtotal", true),
    DISCOUNT_TOTAL("discountTotal", EventKind.PURCHASES, "discount_total", true),
    REFUNDED_TOTAL("refundedTotal", EventKind.PURCHASES, "refunded_total", true),
    LINE_TOTAL("lineTotal", EventKind.PURCHASE_LINES, "line_total", true),
    UNIT_PRICE("unitPrice", EventKind.PURCHASE_LINES, "unit_price", true),
    QUANTITY("quantity", EventKind.PURCHASE_LINES, "quantity", false);

    final String json;
    final EventKind of;
    final String column;
    final boolean money;

    Amount(String json, EventKind of, String column, boolean money) {
      this.json = json;
      this.of = of;
      this.column = column;
      this.money = money;
    }

    static Optional<Amount> of(EventKind kind, String json) {
      return Arrays.stream(values()).filter(a -> a.of == kind && a.json.equals(json)).findFirst();
    }

    static List<String> names(EventKind kind) {
      return Arrays.stream(values()).filter(a -> a.of == kind).map(a -> a.json).toList();
    }
  }
}

package org.clientele.crm.api.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;

/**
 * One node of a segment rule: exactly one of its members is set, and that member says what kind of node
 * it is. Groups combine nodes ({@code all}, {@code any}, {@code not}); the other members are conditions.
 * Unset members are {@code null}, so a node reads as natural JSON, e.g.
 * {@code {"all":[{"field":"country","op":"eq","value":"DE"},{"consent":{"channel":"EMAIL","purpose":"MARKETING"}}]}}.
 *
 * <p>A rule is checked against the profile-field whitelist, the registered attributes and the other
 * segments before it is stored or compiled; every rejected value is reported with its path, e.g.
 * {@code rule.all[2].any[0].op}. Semantics and the JSON Schema: docs/segmentation.md.
 *
 * @param all every nested rule holds (at least one)
 * @param any at least one nested rule holds (at least one)
 * @param not the nested rule does not hold
 * @param field a profile field (whitelisted, e.g. {@code lifecycleStage}) compared by {@code op} with
 *     {@code value}
 * @param attribute a registered custom attribute compared by {@code op} with {@code value}
 * @param op the comparison of a field or attribute, e.g. {@code eq}, {@code in}, {@code withinLastDays}
 * @param value the operand: a string, number, boolean or ISO date/instant; a list for {@code in},
 *     {@code notIn} and {@code between}; a number of days for relative date operators; absent for
 *     {@code exists}/{@code missing}
 * @param consent the customer may be contacted on this channel for this purpose
 * @param behaviour a measure over purchases, purchase lines or interactions in a window
 * @param recency days since the last purchase or interaction
 * @param firstPurchase when the first counted purchase was placed
 * @param rfm the customer's RFM scores are among these
 * @param rfmGroup the customer's RFM scores fall in this named group, e.g. {@code champions}
 * @param engagement the customer's engagement score (0–100)
 * @param segment the customer is a current member of the segment with this key
 */
public record SegmentRule(
    @Size(max = 100, message = "must have at most 100 conditions") List<@Valid SegmentRule> all,
    @Size(max = 100, message = "must have at most 100 conditions") List<@Valid SegmentRule> any,
    @Valid SegmentRule not,
    @Size(max = 100, message = "must be at most 100 characters") String field,
    @Size(max = 100, message = "must be at most 100 characters") String attribute,
    @Size(max = 30, message = "must be at most 30 characters") String op,
    Object value,
    @Valid ConsentCondition consent,
    @Valid BehaviourCondition behaviour,
    @Valid RecencyCondition recency,
    @Valid DateCondition firstPurchase,
    @Valid RfmCondition rfm,
    @Size(max = 50, message = "must be at most 50 characters") String rfmGroup,
    @Valid ScoreCondition engagement,
    @Size(max = 100, message = "must be at most 100 characters") String segment) {

  public SegmentRule {
    all = all == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(all));
    any = any == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(any));
  }

  /** Every one of the rules holds. */
  public static SegmentRule all(SegmentRule... rules) {
    return new SegmentRule(Arrays.asList(rules), null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  /** At least one of the rules holds. */
  public static SegmentRule any(SegmentRule... rules) {
    return new SegmentRule(null, Arrays.asList(rules), null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  /** The rule does not hold. */
  public static SegmentRule not(SegmentRule rule) {
    return new SegmentRule(null, null, rule, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A profile field compared with a value, e.g. {@code field("country", "in", List.of("DE", "AT"))}. */
  public static SegmentRule field(String field, String op, Object value) {
    return new SegmentRule(null, null, null, field, null, op, value, null, null, null, null, null, null, null, null);
  }

  /** A registered custom attribute compared with a value. */
  public static SegmentRule attribute(String key, String op, Object value) {
    return new SegmentRule(null, null, null, null, key, op, value, null, null, null, null, null, null, null, null);
  }

  /** The customer may be contacted on the channel for the purpose. */
  public static SegmentRule consent(String channel, String purpose) {
    return new SegmentRule(null, null, null, null, null, null, null, new ConsentCondition(channel, purpose), null,
        null, null, null, null, null, null);
  }

  public static SegmentRule behaviour(BehaviourCondition condition) {
    return new SegmentRule(null, null, null, null, null, null, null, null, condition, null, null, null, null, null,
        null);
  }

  public static SegmentRule recency(RecencyCondition condition) {
    return new SegmentRule(null, null, null, null, null, null, null, null, null, condition, null, null, null, null,
        null);
  }

  public static SegmentRule firstPurchase(String op, Object value) {
    return new SegmentRule(null, null, null, null, null, null, null, null, null, null, new DateCondition(op, value),
        null, null, null, null);
  }

  public static SegmentRule rfm(RfmCondition condition) {
    return new SegmentRule(null, null, null, null, null, null, null, null, null, null, null, condition, null, null,
        null);
  }

  public static SegmentRule rfmGroup(String group) {
    return new SegmentRule(null, null, null, null, null, null, null, null, null, null, null, null, group, null, null);
  }

  public static SegmentRule engagement(String op, Object value) {
    return new SegmentRule(null, null, null, null, null, null, null, null, null, null, null, null, null,
        new ScoreCondition(op, value), null);
  }

  /** The customer is a current member of the segment with this key. */
  public static SegmentRule segment(String key) {
    return new SegmentRule(null, null, null, null, null, null, null, null, null, null, null, null, null, null, key);
  }
}

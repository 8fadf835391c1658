package org.clientele.crm.impl.segment;

import java.util.EnumSet;
import java.util.Set;

/** The types of values rules compare, each with the operators it takes. */
enum ValueType {
  /** Text compared exactly (case-sensitive). */
  TEXT("text value", EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN, Operator.CONTAINS,
      Operator.STARTS_WITH, Operator.EXISTS, Operator.MISSING)),
  /** A person's name: compared case-insensitively through its lower-cased search key. */
  NAME("text value", TEXT.operators),
  /** One of a fixed set of upper-case values. */
  ENUM("value from a fixed list", EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN)),
  /** A set of texts: {@code contains} one, {@code in} any of, {@code notIn} none of, {@code exists} any at all. */
  TAGS("tag set", EnumSet.of(Operator.CONTAINS, Operator.IN, Operator.NOT_IN, Operator.EXISTS, Operator.MISSING)),
  NUMBER("number", EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN, Operator.GT, Operator.GTE,
      Operator.LT, Operator.LTE, Operator.BETWEEN, Operator.EXISTS, Operator.MISSING)),
  BOOLEAN("boolean", EnumSet.of(Operator.EQ, Operator.NE, Operator.EXISTS, Operator.MISSING)),
  /** A calendar date. */
  DATE("date", EnumSet.of(Operator.EQ, Operator.NE, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE,
      Operator.BEFORE, Operator.AFTER, Operator.BETWEEN, Operator.WITHIN_LAST_DAYS, Operator.MORE_THAN_DAYS_AGO,
      Operator.EXISTS, Operator.MISSING)),
  /** An instant; compared with dates as UTC days, or with instants exactly. */
  TIMESTAMP("timestamp", DATE.operators);

  private final String label;
  private final Set<Operator> operators;

  ValueType(String label, Set<Operator> operators) {
    this.label = label;
    this.operators = operators;
  }

  String label() {
    return label;
  }

  Set<Operator> operators() {
    return operators;
  }
}

package org.clientele.crm.impl.segment;

import java.util.Arrays;
import java.util.Optional;

/** The comparison operators of segment rules, by their JSON token. */
enum Operator {
  EQ("eq"),
  NE("ne"),
  IN("in"),
  NOT_IN("notIn"),
  CONTAINS("contains"),
  STARTS_WITH("startsWith"),
  GT("gt"),
  GTE("gte"),
  LT("lt"),
  LTE("lte"),
  BETWEEN("between"),
  BEFORE("before"),
  AFTER("after"),
  WITHIN_LAST_DAYS("withinLastDays"),
  MORE_THAN_DAYS_AGO("moreThanDaysAgo"),
  EXISTS("exists"),
  MISSING("missing");

  private final String token;

  Operator(String token) {
    this.token = token;
  }

  String token() {
    return token;
  }

  static Optional<Operator> of(String token) {
    return Arrays.stream(values()).filter(o -> o.token.equals(token)).findFirst();
  }

  /** Whether this operator is the negation of a positive one: it then holds for customers without a value. */
  boolean negative() {
    return this == NE || this == NOT_IN || this == MISSING;
  }

  /** The positive operator this one negates, or this one. */
  Operator positive() {
    return switch (this) {
      case NE -> EQ;
      case NOT_IN -> IN;
      case MISSING -> EXISTS;
      default -> this;
    };
  }

  /** The SQL comparison of a scalar operator. */
  String sql() {
    return switch (this) {
      case EQ -> "=";
      case NE -> "<>";
      case GT, AFTER -> ">";
      case GTE -> ">=";
      case LT, BEFORE -> "<";
      case LTE -> "<=";
      default -> throw new IllegalStateException(token + " is not a scalar comparison");
    };
  }
}

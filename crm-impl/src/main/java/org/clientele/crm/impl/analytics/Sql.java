package org.clientele.crm.impl.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reading native aggregate results portably: H2 and PostgreSQL return different numeric and timestamp
 * types for the same SQL.
 */
final class Sql {

  /** Orders that count: not cancelled, not fully refunded. */
  static final String COUNTED = counted(null);

  /** {@link #COUNTED} for a table alias. */
  static String counted(String alias) {
    return (alias == null ? "" : alias + ".") + "status NOT IN ('CANCELLED', 'REFUNDED')";
  }

  private Sql() {}

  static OffsetDateTime param(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static long longOf(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  static Double doubleOf(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }

  static BigDecimal decimalOf(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
  }

  static Instant instantOf(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.time.ZonedDateTime z) {
      return z.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
  }

  static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }
}

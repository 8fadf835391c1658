package org.clientele.crm.datagen;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/** Fast, locale-independent formatting of the generator's values. */
final class Text {

  private Text() {}

  private static final ConcurrentHashMap<Long, String> DAYS = new ConcurrentHashMap<>();

  /** A timestamptz literal in UTC: {@code 2026-11-23 10:15:30+00}. */
  static String ts(long epochSecond) {
    StringBuilder b = new StringBuilder(22);
    dateTime(b, epochSecond, ' ');
    return b.append("+00").toString();
  }

  static String tsOrNull(long epochSecond) {
    return epochSecond == 0 ? null : ts(epochSecond);
  }

  /** ISO-8601 in UTC: {@code 2026-11-23T10:15:30Z}. */
  static String iso(long epochSecond) {
    StringBuilder b = new StringBuilder(20);
    dateTime(b, epochSecond, 'T');
    return b.append('Z').toString();
  }

  /** Mailchimp's {@code fired_at}: {@code 2026-11-23 10:15:30}. */
  static String firedAt(long epochSecond) {
    StringBuilder b = new StringBuilder(19);
    dateTime(b, epochSecond, ' ');
    return b.toString();
  }

  private static void dateTime(StringBuilder b, long s, char separator) {
    long day = Math.floorDiv(s, 86400);
    int sec = (int) Math.floorMod(s, 86400);
    b.append(DAYS.computeIfAbsent(day, d -> LocalDate.ofEpochDay(d).toString())).append(separator);
    two(b, sec / 3600);
    b.append(':');
    two(b, sec / 60 % 60);
    b.append(':');
    two(b, sec % 60);
  }

  private static void two(StringBuilder b, int v) {
    if (v < 10) {
      b.append('0');
    }
    b.append(v);
  }

  /** Cents as a decimal with two places. */
  static String money(long cents) {
    long abs = Math.abs(cents);
    String s = (cents < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    return s;
  }
}

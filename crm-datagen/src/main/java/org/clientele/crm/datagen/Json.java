package org.clientele.crm.datagen;

/** A minimal JSON writer: objects with fields in the order written, strings escaped, no whitespace. */
final class Json {

  private final StringBuilder b = new StringBuilder(256);
  private boolean first = true;

  Json() {
    b.append('{');
  }

  Json str(String name, String value) {
    name(name);
    if (value == null) {
      b.append("null");
    } else {
      quote(b, value);
    }
    return this;
  }

  Json num(String name, long value) {
    name(name);
    b.append(value);
    return this;
  }

  /** A decimal as a JSON string (keeps its scale, as the ERP contract and Shopify's REST payloads do). */
  Json money(String name, long cents) {
    return str(name, Text.money(cents));
  }

  Json bool(String name, boolean value) {
    name(name);
    b.append(value);
    return this;
  }

  Json raw(String name, String json) {
    name(name);
    b.append(json == null ? "null" : json);
    return this;
  }

  String end() {
    return b.append('}').toString();
  }

  private void name(String name) {
    if (!first) {
      b.append(',');
    }
    first = false;
    quote(b, name);
    b.append(':');
  }

  static String array(Iterable<String> jsons) {
    StringBuilder a = new StringBuilder("[");
    for (String j : jsons) {
      if (a.length() > 1) {
        a.append(',');
      }
      a.append(j);
    }
    return a.append(']').toString();
  }

  static String strings(Iterable<String> values) {
    StringBuilder a = new StringBuilder("[");
    for (String v : values) {
      if (a.length() > 1) {
        a.append(',');
      }
      quote(a, v);
    }
    return a.append(']').toString();
  }

  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}

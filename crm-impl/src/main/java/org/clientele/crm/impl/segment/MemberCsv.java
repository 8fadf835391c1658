package org.clientele.crm.impl.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;

/**
 * Reads a static segment's member list: RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) with a header
 * row naming how rows identify customers, by {@code customerId}, by {@code email}, or by {@code system} and
 * {@code externalId} (header names are case-insensitive; other columns are ignored). Every malformed row is
 * reported by its line number, so a file is taken whole or not at all.
 */
final class MemberCsv {

  static final int MAX_ROWS = 100_000;
  private static final int MAX_VIOLATIONS = 100;

  /** How the rows identify customers. */
  enum Key { CUSTOMER_ID, EMAIL, IDENTITY }

  /**
   * One data row.
   *
   * @param line the line the row starts on (the header is line 1)
   * @param value the customer id, email, or external id
   * @param system the identity's system, for {@link Key#IDENTITY}
   */
  record Row(int line, String value, String system) {}

  record Parsed(Key key, List<Row> rows) {}

  private MemberCsv() {}

  static Parsed parse(String csv) {
    List<FieldViolation> violations = new ArrayList<>();
    List<Record> records = records(csv, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    if (records.isEmpty()) {
      throw new InvalidInputException("csv", "must start with a header row naming customerId, email, or system and"
          + " externalId");
    }
    List<String> header = records.get(0).fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    int id = header.indexOf("customerid");
    int email = header.indexOf("email");
    int system = header.indexOf("system");
    int external = header.indexOf("externalid");
    Key key = id >= 0 ? Key.CUSTOMER_ID : email >= 0 ? Key.EMAIL : system >= 0 && external >= 0 ? Key.IDENTITY : null;
    if (key == null) {
      throw new InvalidInputException("csv.line[1]", "the header must name a customerId, an email, or a system and"
          + " an externalId column; found " + records.get(0).fields());
    }
    if (records.size() - 1 > MAX_ROWS) {
      throw new InvalidInputException("csv", "must have at most " + MAX_ROWS + " rows; has " + (records.size() - 1));
    }
    List<Row> rows = new ArrayList<>();
    for (Record r : records.subList(1, records.size())) {
      if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
        continue; // an empty line, e.g. at the end
      }
      String path = "csv.line[" + r.line() + "]";
      switch (key) {
        case CUSTOMER_ID -> {
          String value = field(r, id, "customerId", path, violations);
          if (value != null) {
            try {
              if (Long.parseLong(value) <= 0) {
                throw new NumberFormatException();
              }
              rows.add(new Row(r.line(), value, null));
            } catch (NumberFormatException e) {
              violations.add(new FieldViolation(path, "customerId must be a positive whole number: " + value));
            }
          }
        }
        case EMAIL -> {
          String value = field(r, email, "email", path, violations);
          if (value != null) {
            rows.add(new Row(r.line(), value, null));
          }
        }
        case IDENTITY -> {
          String s = field(r, system, "system", path, violations);
          String value = field(r, external, "externalId", path, violations);
          if (s != null && value != null) {
            rows.add(new Row(r.line(), value, s));
          }
        }
      }
      if (violations.size() >= MAX_VIOLATIONS) {
        break;
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return new Parsed(key, rows);
  }

  private static String field(Record r, int index, String name, String path, List<FieldViolation> violations) {
    String value = index < r.fields().size() ? r.fields().get(index).trim() : "";
    if (value.isEmpty()) {
      violations.add(new FieldViolation(path, name + " is empty"));
      return null;
    }
    if (value.length() > 320) {
      violations.add(new FieldViolation(path, name + " must be at most 320 characters"));
      return null;
    }
    return value;
  }

  private record Record(int line, List<String> fields) {}

  /** Splits the text into records of fields. */
  private static List<Record> records(String csv, List<FieldViolation> violations) {
    List<Record> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean quoted = false;
    boolean afterQuote = false;
    int i = csv.startsWith("\uFEFF") ? 1 : 0;
    for (; i < csv.length(); i++) {
      char ch = csv.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
        continue;
      }
      if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
      } else if (ch == '\r' || ch == '\n') {
        if (ch == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(new Record(recordLine, List.copyOf(fields)));
        fields.clear();
        afterQuote = false;
        line++;
        recordLine = line;
      } else if (ch == '"' && field.length() == 0 && !afterQuote) {
        quoted = true;
      } else if (afterQuote) {
        violations.add(new FieldViolation("csv.line[" + line + "]", "unexpected text after a closing quote"));
        return records;
      } else {
        field.append(ch);
      }
      if (records.size() > MAX_ROWS + 1) {
        violations.add(new FieldViolation("csv", "must have at most " + MAX_ROWS + " rows"));
        return records;
      }
    }
    if (quoted) {
      violations.add(new FieldViolation("csv.line[" + recordLine + "]", "a quoted field is not closed"));
      return records;
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(new Record(recordLine, List.copyOf(fields)));
    }
    return records;
  }
}

package org.clientele.crm.camel.erp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clientele.crm.api.FieldViolation;

/**
 * Reads the mapped fields of one JSON document (or one element of an array in it, e.g. an order line), collecting
 * what is wrong instead of stopping at the first problem. Violations name fields, never values: values may be
 * personal data and stay in the payload.
 */
final class FieldReader {

  private final JsonStructure document;
  private final PointerTable pointers;
  private final String namePrefix;
  private final List<FieldViolation> violations;
  private final Set<String> failedFields = new LinkedHashSet<>();

  private FieldReader(JsonStructure document, PointerTable pointers, String namePrefix,
      List<FieldViolation> violations) {
    this.document = document;
    this.pointers = pointers;
    this.namePrefix = namePrefix;
    this.violations = violations;
  }

  /**
   * A reader of a message.
   *
   * @throws UnmappableMessageException ({@link UnmappableMessageException#MALFORMED}) when the payload is not a
   *     JSON object
   */
  static FieldReader of(String payload, PointerTable pointers) {
    JsonStructure document;
    try (var reader = Json.createReader(new StringReader(payload == null ? "" : payload))) {
      document = reader.read();
    } catch (JsonParsingException e) {
      throw new UnmappableMessageException(UnmappableMessageException.MALFORMED,
          List.of(new FieldViolation("message", "is not JSON: " + locate(e))));
    } catch (JsonException | IllegalStateException e) {
      throw new UnmappableMessageException(UnmappableMessageException.MALFORMED,
          List.of(new FieldViolation("message", "is not a JSON document")));
    }
    if (!(document instanceof JsonObject)) {
      throw new UnmappableMessageException(UnmappableMessageException.MALFORMED,
          List.of(new FieldViolation("message", "must be a JSON object")));
    }
    return new FieldReader(document, pointers, "", new ArrayList<>());
  }

  /** A reader of one element (pointers relative to it), reporting into this reader's violations. */
  FieldReader element(JsonStructure element, PointerTable elementPointers, String name) {
    return new FieldReader(element, elementPointers, namePrefix + name + ".", violations);
  }

  List<FieldViolation> violations() {
    return violations;
  }

  boolean failed(String field) {
    return failedFields.contains(field);
  }

  void reject(String field, String message) {
    failedFields.add(field);
    violations.add(new FieldViolation(namePrefix + field, message));
  }

  /** Reports a required field that is absent (unless it was reported as of the wrong kind already). */
  <T> T required(String field, T value) {
    return required(field, value, "is required");
  }

  <T> T required(String field, T value, String message) {
    if (value == null && !failed(field)) {
      reject(field, message);
    }
    return value;
  }

  /** The field's value, or {@code null} when it is unmapped, absent or JSON null. */
  JsonValue value(String field) {
    JsonPointer pointer = pointers.pointer(field);
    if (pointer == null) {
      return null;
    }
    try {
      if (!pointer.containsValue(document)) {
        return null;
      }
      JsonValue value = pointer.getValue(document);
      return value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    } catch (JsonException e) {
      // The pointer walks through something that is not an object or array: the field is absent.
      return null;
    }
  }

  /** A string, or a number taken as its text (ERPs often send numeric ids); blank counts as absent. */
  String text(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    String text;
    if (value instanceof JsonString string) {
      text = string.getString();
    } else if (value instanceof JsonNumber number) {
      text = number.toString();
    } else {
      reject(field, "must be a string");
      return null;
    }
    return text.isBlank() ? null : text.strip();
  }

  LocalDate date(String field) {
    String text = text(field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      reject(field, "must be a date YYYY-MM-DD");
      return null;
    }
  }

  Instant instant(String field) {
    String text = text(field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      reject(field, "must be an ISO-8601 instant, e.g. 2026-11-23T10:15:30Z");
      return null;
    }
  }

  /** A JSON number, or a string holding one (ERPs often send amounts as text to keep their scale). */
  BigDecimal decimal(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNumber number) {
      return number.bigDecimalValue();
    }
    if (value instanceof JsonString string && !string.getString().isBlank()) {
      try {
        return new BigDecimal(string.getString().strip());
      } catch (NumberFormatException e) {
        // fall through
      }
    } else if (value instanceof JsonString) {
      return null;
    }
    reject(field, "must be a decimal number");
    return null;
  }

  /** A whole number (a number or a string holding one). */
  Integer integer(String field) {
    BigDecimal number = decimal(field);
    if (number == null) {
      return null;
    }
    try {
      return number.stripTrailingZeros().intValueExact();
    } catch (ArithmeticException e) {
      reject(field, "must be a whole number");
      return null;
    }
  }

  /** A value from an enumeration, translated by the ERP's codes. */
  <E> E value(String field, ValueMap<E> values, String accepted) {
    String code = text(field);
    if (code == null) {
      return null;
    }
    E value = values.translate(code);
    if (value == null) {
      reject(field, "must be one of " + accepted + " (or a code mapped to one)");
    }
    return value;
  }

  /** An array, or {@code null} when absent. */
  JsonArray array(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      reject(field, "must be an array");
      return null;
    }
    return array;
  }

  Set<String> strings(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof JsonArray array)) {
      reject(field, "must be an array of strings");
      return Set.of();
    }
    Set<String> strings = new LinkedHashSet<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonString string)) {
        reject(field, "must be an array of strings");
        return Set.of();
      }
      if (!string.getString().isBlank()) {
        strings.add(string.getString().strip());
      }
    }
    return strings;
  }

  /** An object of scalars, each taken as its text; JSON null entries are left out. */
  Map<String, String> scalars(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject object)) {
      reject(field, "must be an object");
      return Map.of();
    }
    Map<String, String> scalars = new LinkedHashMap<>();
    for (var entry : object.entrySet()) {
      JsonValue item = entry.getValue();
      switch (item.getValueType()) {
        case STRING -> scalars.put(entry.getKey(), ((JsonString) item).getString());
        case NUMBER, TRUE, FALSE -> scalars.put(entry.getKey(), item.toString());
        case NULL -> { }
        default -> {
          reject(field + "." + entry.getKey(), "must be a string, number or boolean");
          return Map.of();
        }
      }
    }
    return scalars;
  }

  /** The message's key: in the message, else the fallback; reported when neither has one. */
  String messageId(String fallback) {
    String messageId = text("messageId");
    if (messageId == null) {
      messageId = fallback == null || fallback.isBlank() ? null : fallback;
    }
    if (messageId == null) {
      violations.add(new FieldViolation(namePrefix + "messageId",
          "is required (in the message, or as JMS property messageId)"));
    }
    return messageId;
  }

  private static String locate(JsonParsingException e) {
    var location = e.getLocation();
    return location == null ? "parse error" : "parse error at line " + location.getLineNumber() + ", column "
        + location.getColumnNumber();
  }
}

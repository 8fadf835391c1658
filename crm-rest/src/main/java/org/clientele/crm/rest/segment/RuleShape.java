package org.clientele.crm.rest.segment;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clientele.crm.api.FieldViolation;

/**
 * Checks the JSON of a segment rule against the members and JSON types of the rule records before JSON-B binds
 * it, and names each problem with its path ({@code rule.all[1].behaviour.withinLastDay}). JSON-B ignores members
 * it does not know; in a rule that would change the meaning silently (a misspelt {@code withinLastDays} widens
 * the window to all history), and the rule's JSON Schema forbids additional members. Wrong JSON types get a
 * path too, instead of an unreadable-body problem. What the values mean is the validator's business.
 */
final class RuleShape {

  private RuleShape() {}

  /**
   * @param path the name of the value, e.g. {@code rule}
   * @param json the value; null or JSON null is accepted (whether it is required is checked later)
   * @param type a record type, e.g. {@code SegmentRule.class}
   */
  static List<FieldViolation> violations(String path, JsonValue json, Class<? extends Record> type) {
    List<FieldViolation> violations = new ArrayList<>();
    check(path, json, type, violations, 0);
    return violations;
  }

  private static void check(String path, JsonValue json, Type type, List<FieldViolation> out, int depth) {
    if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
      return;
    }
    if (depth > 64) {
      out.add(new FieldViolation(path, "nests too deep"));
      return;
    }
    Class<?> raw = raw(type);
    if (raw.isRecord()) {
      if (!(json instanceof JsonObject object)) {
        out.add(new FieldViolation(path, "must be a JSON object"));
        return;
      }
      Map<String, RecordComponent> components = new LinkedHashMap<>();
      for (RecordComponent component : raw.getRecordComponents()) {
        components.put(component.getName(), component);
      }
      for (Map.Entry<String, JsonValue> member : object.entrySet()) {
        String memberPath = path + "." + member.getKey();
        RecordComponent component = components.get(member.getKey());
        if (component == null) {
          out.add(new FieldViolation(memberPath, "is not known here; use one of " + String.join(", ",
              components.keySet())));
        } else {
          check(memberPath, member.getValue(), component.getGenericType(), out, depth + 1);
        }
      }
    } else if (List.class.isAssignableFrom(raw)) {
      if (!(json instanceof JsonArray array)) {
        out.add(new FieldViolation(path, "must be a JSON array"));
        return;
      }
      Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
      for (int i = 0; i < array.size(); i++) {
        check(path + "[" + i + "]", array.get(i), element, out, depth + 1);
      }
    } else if (raw == String.class) {
      expect(path, json, JsonValue.ValueType.STRING, "must be a string", out);
    } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      boolean whole = json instanceof JsonNumber number && number.isIntegral()
          && fits(number, raw == Integer.class || raw == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
      if (!whole) {
        out.add(new FieldViolation(path, "must be a whole number"));
      }
    } else if (raw == Boolean.class || raw == boolean.class) {
      if (json.getValueType() != JsonValue.ValueType.TRUE && json.getValueType() != JsonValue.ValueType.FALSE) {
        out.add(new FieldViolation(path, "must be true or false"));
      }
    } else if (raw.isEnum()) {
      List<String> names = Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
      if (!(json.getValueType() == JsonValue.ValueType.STRING
          && names.contains(((jakarta.json.JsonString) json).getString()))) {
        out.add(new FieldViolation(path, "must be one of " + names.stream().collect(Collectors.joining(", "))));
      }
    } else if (raw == Object.class) {
      // an operand: a scalar or a list of scalars
      if (json instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          if (!scalar(array.get(i))) {
            out.add(new FieldViolation(path + "[" + i + "]", "must be a string, number or boolean"));
          }
        }
      } else if (!scalar(json)) {
        out.add(new FieldViolation(path, "must be a string, number, boolean or a list of them"));
      }
    }
  }

  private static void expect(String path, JsonValue json, JsonValue.ValueType type, String message,
      List<FieldViolation> out) {
    if (json.getValueType() != type) {
      out.add(new FieldViolation(path, message));
    }
  }

  private static boolean scalar(JsonValue json) {
    return switch (json.getValueType()) {
      case STRING, NUMBER, TRUE, FALSE -> true;
      default -> false;
    };
  }

  private static boolean fits(JsonNumber number, long max) {
    return number.bigDecimalValue().abs().compareTo(java.math.BigDecimal.valueOf(max)) <= 0;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }
}

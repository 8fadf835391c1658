package org.clientele.crm.impl.integration;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Message bodies as JSON through JSON-P: maps, collections, records (by component, nulls left out), enums,
 * numbers, booleans, and everything else as its string form (instants and dates in ISO-8601). Not JSON-B: these
 * bodies are also written on JMS listener threads, whose context class loader cannot find the server's JSON-B
 * provider, while JSON-P's API finds its implementation without it.
 */
public final class MessageJson {

  private MessageJson() {}

  public static String write(Object value) {
    return value(value).toString();
  }

  private static JsonValue value(Object value) {
    if (value == null) {
      return JsonValue.NULL;
    }
    if (value instanceof String s) {
      return Json.createValue(s);
    }
    if (value instanceof Boolean b) {
      return b ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return Json.createValue(((Number) value).longValue());
    }
    if (value instanceof BigDecimal d) {
      return Json.createValue(d);
    }
    if (value instanceof BigInteger i) {
      return Json.createValue(i);
    }
    if (value instanceof Number n) {
      return Json.createValue(n.doubleValue());
    }
    if (value instanceof Enum<?> e) {
      return Json.createValue(e.name());
    }
    if (value instanceof Map<?, ?> map) {
      JsonObjectBuilder object = Json.createObjectBuilder();
      map.forEach((k, v) -> {
        if (v != null) {
          object.add(String.valueOf(k), value(v));
        }
      });
      return object.build();
    }
    if (value instanceof Collection<?> items) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      items.forEach(item -> array.add(value(item)));
      return array.build();
    }
    if (value.getClass().isRecord()) {
      JsonObjectBuilder object = Json.createObjectBuilder();
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        try {
          Object member = component.getAccessor().invoke(value);
          if (member != null) {
            object.add(component.getName(), value(member));
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("Cannot read " + component.getName() + " of " + value.getClass(), e);
        }
      }
      return object.build();
    }
    return Json.createValue(value.toString());
  }
}

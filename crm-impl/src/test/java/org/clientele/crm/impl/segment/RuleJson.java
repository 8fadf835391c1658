package org.clientele.crm.impl.segment;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.StringJoiner;

/** Rules as compact JSON for failure messages (records by component, nulls left out). */
final class RuleJson {

  private RuleJson() {}

  static String write(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Collection<?> list) {
      StringJoiner items = new StringJoiner(",", "[", "]");
      list.forEach(item -> items.add(write(item)));
      return items.toString();
    }
    if (value.getClass().isRecord()) {
      StringJoiner members = new StringJoiner(",", "{", "}");
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        try {
          Object member = component.getAccessor().invoke(value);
          if (member != null) {
            members.add('"' + component.getName() + "\":" + write(member));
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return members.toString();
    }
    return write(value.toString());
  }
}

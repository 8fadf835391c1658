package org.clientele.crm.camel.erp;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonPointer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where each canonical field of a message sits in the ERP's JSON: one JSON pointer per field, from configuration
 * ({@code <prefix><field>}), else a default. An empty pointer leaves the field unmapped.
 */
final class PointerTable {

  private final Map<String, JsonPointer> pointers;
  private final Map<String, String> texts;

  private PointerTable(Map<String, JsonPointer> pointers, Map<String, String> texts) {
    this.pointers = pointers;
    this.texts = texts;
  }

  /**
   * @param prefix the configuration key prefix, e.g. {@code crm.erp.mapping.order.}
   * @param defaults the default pointer of a field
   * @param lookup the configured value of a key, or {@code null} when it is not set
   * @throws IllegalArgumentException naming the key when a configured pointer is not a JSON pointer
   */
  static PointerTable configured(String prefix, List<String> fields, Function<String, String> defaults,
      Function<String, String> lookup) {
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, JsonPointer> compiled = new LinkedHashMap<>();
    for (String field : fields) {
      String value = lookup.apply(prefix + field);
      String pointer = value == null ? defaults.apply(field) : value.strip();
      texts.put(field, pointer);
      if (!pointer.isEmpty()) {
        try {
          compiled.put(field, Json.createPointer(pointer));
        } catch (JsonException e) {
          throw new IllegalArgumentException(prefix + field + " is not a JSON pointer: " + pointer, e);
        }
      }
    }
    return new PointerTable(Map.copyOf(compiled), java.util.Collections.unmodifiableMap(texts));
  }

  /** The canonical layout: a dotted field name as a path, {@code address.city} at {@code /address/city}. */
  static String canonicalPointer(String field) {
    return "/" + field.replace('.', '/');
  }

  /** The pointer of a field, or {@code null} when it is not mapped. */
  JsonPointer pointer(String field) {
    return pointers.get(field);
  }

  /** The pointer text of each field ("" = not mapped), in field order. */
  Map<String, String> texts() {
    return texts;
  }
}

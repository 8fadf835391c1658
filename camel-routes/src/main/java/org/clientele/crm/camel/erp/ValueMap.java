package org.clientele.crm.camel.erp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Translates an ERP's codes of an enumeration to the canonical values, from configuration
 * ({@code crm.erp.mapping.order.status-values=OPEN:PLACED,INVOICED:PAID}). Codes are compared exactly; a code
 * without an entry is taken as a canonical value (case-insensitively), so an ERP that sends canonical values
 * needs no map.
 *
 * @param <E> the canonical values' type
 */
final class ValueMap<E> {

  private final Map<String, E> mapped;
  private final Map<String, E> canonical;

  private ValueMap(Map<String, E> mapped, Map<String, E> canonical) {
    this.mapped = mapped;
    this.canonical = canonical;
  }

  /**
   * @param key the configuration key, named in errors
   * @param configured {@code code:VALUE} pairs separated by commas, or {@code null}/blank for none
   * @param canonical the canonical values by name
   * @throws IllegalArgumentException naming the key when an entry is not {@code code:VALUE} or its value is not
   *     canonical
   */
  static <E> ValueMap<E> configured(String key, String configured, Map<String, E> canonical) {
    Map<String, E> byUpperName = new LinkedHashMap<>();
    canonical.forEach((name, value) -> byUpperName.put(name.toUpperCase(Locale.ROOT), value));
    Map<String, E> mapped = new LinkedHashMap<>();
    if (configured != null && !configured.isBlank()) {
      for (String entry : configured.split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        int colon = entry.lastIndexOf(':');
        String code = colon < 0 ? "" : entry.substring(0, colon).strip();
        String name = colon < 0 ? "" : entry.substring(colon + 1).strip();
        E value = byUpperName.get(name.toUpperCase(Locale.ROOT));
        if (code.isEmpty() || value == null) {
          throw new IllegalArgumentException(key + " must be code:VALUE pairs separated by commas, VALUE one of "
              + String.join(", ", canonical.keySet()) + "; not: " + entry.strip());
        }
        mapped.put(code, value);
      }
    }
    return new ValueMap<>(Map.copyOf(mapped), Map.copyOf(byUpperName));
  }

  /** For an enumeration whose constant names are the canonical values. */
  static <E extends Enum<E>> ValueMap<E> configured(String key, String configured, Class<E> type) {
    Map<String, E> canonical = new LinkedHashMap<>();
    for (E value : type.getEnumConstants()) {
      canonical.put(value.name(), value);
    }
    return configured(key, configured, canonical);
  }

  /** The canonical value of a code, or {@code null} when it has none. */
  E translate(String code) {
    E value = mapped.get(code);
    return value != null ? value : canonical.get(code.toUpperCase(Locale.ROOT));
  }

  /** The codes configured, for documentation and tests. */
  String describe() {
    return mapped.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
  }
}

package org.clientele.crm.impl.store;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Request headers looked up case-insensitively (HTTP header names are). */
public final class WebhookHeaders {

  private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  public WebhookHeaders(Map<String, String> headers) {
    if (headers != null) {
      headers.forEach((k, v) -> {
        if (k != null && v != null) {
          values.put(k, v);
        }
      });
    }
  }

  /** The trimmed value, empty when absent or blank. */
  public Optional<String> get(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** @throws IllegalArgumentException naming the header when it is missing */
  public String require(String name) {
    return get(name).orElseThrow(() -> new IllegalArgumentException("header " + name + " is required"));
  }

  public Optional<String> lowerCase(String name) {
    return get(name).map(v -> v.toLowerCase(Locale.ROOT));
  }
}

package org.clientele.crm.rest.customer;

import jakarta.ws.rs.core.EntityTag;
import java.util.OptionalLong;

/** Optimistic versions as HTTP entity tags: the profile version, quoted. */
public final class Versions {

  private Versions() {}

  public static EntityTag tag(long version) {
    return new EntityTag(Long.toString(version));
  }

  /** The version an {@code If-Match} header names; empty if it names none we issued (it cannot match). */
  public static OptionalLong fromIfMatch(String ifMatch) {
    String value = ifMatch.strip();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}

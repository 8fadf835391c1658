package org.clientele.crm.impl.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * A normalized email or phone that identifies one profile. The table's primary key (kind, value) makes
 * two profiles with the same key impossible, even when two registrations race.
 */
@Embeddable
public class MatchKey {

  public static final String EMAIL = "EMAIL";
  public static final String PHONE = "PHONE";

  @Column(name = "kind", nullable = false, length = 10)
  private String kind;

  @Column(name = "key_value", nullable = false, length = 320)
  private String value;

  protected MatchKey() {}

  public MatchKey(String kind, String value) {
    this.kind = kind;
    this.value = value;
  }

  public String kind() {
    return kind;
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MatchKey other && kind.equals(other.kind) && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, value);
  }
}

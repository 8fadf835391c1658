package org.clientele.crm.impl.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import org.clientele.crm.api.customer.ContactType;

/** An additional email or phone of a profile, normalized. */
@Embeddable
public class StoredContactPoint {

  @Column(name = "contact_type", nullable = false, length = 10)
  private String type;

  @Column(name = "contact_value", nullable = false, length = 320)
  private String value;

  @Column(name = "label", length = 50)
  private String label;

  protected StoredContactPoint() {}

  public StoredContactPoint(ContactType type, String value, String label) {
    this.type = type.name();
    this.value = value;
    this.label = label;
  }

  public ContactType type() {
    return ContactType.valueOf(type);
  }

  public String value() {
    return value;
  }

  public String label() {
    return label;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredContactPoint other && type.equals(other.type) && value.equals(other.value)
        && Objects.equals(label, other.label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, value, label);
  }
}

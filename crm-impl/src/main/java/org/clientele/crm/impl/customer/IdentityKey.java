package org.clientele.crm.impl.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** An external identity as stored: unique across all profiles (the table's primary key). */
@Embeddable
public class IdentityKey {

  @Column(name = "source_system", nullable = false, length = 100)
  private String system;

  @Column(name = "external_id", nullable = false, length = 200)
  private String externalId;

  protected IdentityKey() {}

  public IdentityKey(String system, String externalId) {
    this.system = system;
    this.externalId = externalId;
  }

  public String system() {
    return system;
  }

  public String externalId() {
    return externalId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityKey other && system.equals(other.system) && externalId.equals(other.externalId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(system, externalId);
  }
}

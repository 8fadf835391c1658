package org.clientele.crm.impl.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.AttributeType;

/** A registered custom attribute. Allowed values are stored one per line. */
@Entity
@Table(name = "crm_attribute_definition")
@NamedQuery(name = "AttributeDefinitionEntity.all", query = "SELECT d FROM AttributeDefinitionEntity d ORDER BY d.key")
public class AttributeDefinitionEntity {

  @Id
  @Column(name = "attr_key", length = 100)
  private String key;

  @Enumerated(EnumType.STRING)
  @Column(name = "attr_type", nullable = false, length = 10)
  private AttributeType type;

  @Column(name = "allowed_values", length = 4000)
  private String allowedValues;

  @Column(name = "description", length = 500)
  private String description;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected AttributeDefinitionEntity() {}

  AttributeDefinitionEntity(AttributeDefinition definition, Instant now) {
    this.key = definition.key();
    this.createdAt = now;
    apply(definition, now);
  }

  void apply(AttributeDefinition definition, Instant now) {
    this.type = definition.type();
    this.allowedValues = definition.allowedValues().isEmpty() ? null : String.join("\n", definition.allowedValues());
    this.description = definition.description();
    this.updatedAt = now;
  }

  AttributeType type() {
    return type;
  }

  AttributeDefinition toDefinition() {
    List<String> allowed = allowedValues == null ? List.of() : Arrays.asList(allowedValues.split("\n"));
    return new AttributeDefinition(key, type, allowed, description);
  }
}

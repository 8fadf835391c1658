package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clientele.crm.api.ConflictException;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.customer.AttributeDefinition;
import org.clientele.crm.api.customer.CustomerAttributeService;
import org.clientele.crm.impl.audit.AuditLog;

/** The custom attribute registry, and the validation of values against it. */
@ApplicationScoped
@Transactional
public class DefaultCustomerAttributeService implements CustomerAttributeService {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  @Inject AuditLog audit;

  @Inject org.clientele.crm.impl.validation.InputValidator validator;

  @Override
  public AttributeDefinition define(AttributeDefinition definition) {
    validator.check("definition", definition);
    Instant now = Instant.now();
    AttributeDefinitionEntity existing = em.find(AttributeDefinitionEntity.class, definition.key());
    if (existing == null) {
      existing = new AttributeDefinitionEntity(definition, now);
      em.persist(existing);
      audit.record("attribute.defined", "AttributeDefinition", definition.key(), "type=" + definition.type());
      return existing.toDefinition();
    }
    if (existing.type() != definition.type() && hasValues(definition.key())) {
      throw new ConflictException("Attribute " + definition.key() + " has values of type " + existing.type()
          + "; its type cannot change to " + definition.type());
    }
    existing.apply(definition, now);
    audit.record("attribute.changed", "AttributeDefinition", definition.key(), "type=" + definition.type());
    return existing.toDefinition();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<AttributeDefinition> definitions() {
    return em.createNamedQuery("AttributeDefinitionEntity.all", AttributeDefinitionEntity.class).getResultList()
        .stream().map(AttributeDefinitionEntity::toDefinition).toList();
  }

  /** The definitions by key, for validating a batch of values with one query. */
  Map<String, AttributeDefinition> definitionsByKey() {
    return definitions().stream().collect(Collectors.toMap(AttributeDefinition::key, Function.identity()));
  }

  /**
   * Checks a value against its definition and returns it typed, or adds a violation: unknown attribute,
   * value not of the type, or not one of the allowed values.
   */
  static AttributeValue typedValue(
      String field, AttributeDefinition definition, String raw, List<FieldViolation> violations) {
    if (definition == null) {
      violations.add(new FieldViolation(field, "is not a registered attribute"));
      return null;
    }
    if (raw == null || raw.isBlank()) {
      violations.add(new FieldViolation(field, "must not be blank"));
      return null;
    }
    String value = raw.strip();
    if (value.length() > 500) {
      violations.add(new FieldViolation(field, "must be at most 500 characters"));
      return null;
    }
    try {
      return switch (definition.type()) {
        case STRING -> {
          if (!definition.allowedValues().isEmpty() && !definition.allowedValues().contains(value)) {
            violations.add(new FieldViolation(field, "must be one of " + definition.allowedValues()));
            yield null;
          }
          yield new AttributeValue(value, null, null, null);
        }
        case NUMBER -> {
          BigDecimal number = new BigDecimal(value);
          yield new AttributeValue(number.toPlainString(), number, null, null);
        }
        case BOOLEAN -> {
          if (!value.equals("true") && !value.equals("false")) {
            violations.add(new FieldViolation(field, "must be true or false"));
            yield null;
          }
          yield new AttributeValue(value, null, null, Boolean.valueOf(value));
        }
        case DATE -> {
          LocalDate date = LocalDate.parse(value);
          yield new AttributeValue(date.toString(), null, date, null);
        }
      };
    } catch (NumberFormatException e) {
      violations.add(new FieldViolation(field, "must be a number"));
      return null;
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation(field, "must be a date in ISO format, e.g. 2026-03-01"));
      return null;
    }
  }

  private boolean hasValues(String key) {
    return !em.createQuery("SELECT KEY(a) FROM Customer c JOIN c.attributes a WHERE KEY(a) = :key")
        .setParameter("key", key).setMaxResults(1).getResultList().isEmpty();
  }
}

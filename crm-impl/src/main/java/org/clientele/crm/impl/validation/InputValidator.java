package org.clientele.crm.impl.validation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.InvalidInputException;

/**
 * Validates service inputs against the constraints declared on the crm-api records, explicitly at each
 * service entry. Container method validation does not reach these beans (they live in the EAR's library
 * and their interfaces in a server library), and explicit checks also give in-process callers one typed
 * exception, {@link InvalidInputException}, with a path per field.
 */
@ApplicationScoped
public class InputValidator {

  @Inject Validator validator;

  @Inject ValidatorFactory validatorFactory;

  /**
   * Every property of an input is reachable and cascadable: the inputs are records, never JPA entities, and the
   * default resolver's JPA checks ({@code PersistenceUtil.isLoaded} per cascaded property) were more than half of
   * a 500-element batch's validation time.
   */
  private static final TraversableResolver INPUTS_ARE_NOT_ENTITIES = new TraversableResolver() {
    @Override
    public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
      return true;
    }

    @Override
    public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
      return true;
    }
  };

  /**
   * Whether the container's validator can be used from the calling thread. Background workers scheduled while
   * the EAR starts run in the context of its first module, whose validator Liberty enables only once that module
   * has started ("Validation not enabled for module ..."): work taken up before then would fail for no fault of
   * its own (a restarted server's first backfill sweep did), so workers skip a sweep until this is true.
   */
  public boolean ready() {
    try {
      validator.getConstraintsForClass(Object.class);
      return true;
    } catch (jakarta.validation.ValidationException e) {
      return false;
    }
  }

  /** @throws InvalidInputException naming every violated field; a null input violates "is required" */
  public void check(String name, Object input) {
    List<FieldViolation> violations = new ArrayList<>();
    collect(inputValidator(), name, input, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }

  /** Checks each element, naming it {@code name[i]}. */
  public void checkEach(String name, List<?> inputs, int maxSize) {
    List<FieldViolation> violations = new ArrayList<>();
    if (inputs == null) {
      violations.add(new FieldViolation(name, "is required"));
    } else {
      if (inputs.size() > maxSize) {
        violations.add(new FieldViolation(name, "must have at most " + maxSize + " elements"));
      }
      Validator each = inputValidator();
      for (int i = 0; i < inputs.size() && violations.size() < 100; i++) {
        collect(each, name + "[" + i + "]", inputs.get(i), violations);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }

  /** The container's validator with {@link #INPUTS_ARE_NOT_ENTITIES}; cheap to make (the metadata is the factory's). */
  private Validator inputValidator() {
    return validatorFactory.usingContext().traversableResolver(INPUTS_ARE_NOT_ENTITIES).getValidator();
  }

  private static void collect(Validator validator, String name, Object input, List<FieldViolation> violations) {
    if (input == null) {
      violations.add(new FieldViolation(name, "is required"));
      return;
    }
    validator.validate(input).stream()
        .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
        .forEach(v -> violations.add(new FieldViolation(path(name, v), v.getMessage())));
  }

  /** {@code contactPoints[1].value}; the top-level input name only prefixes list elements. */
  private static String path(String name, ConstraintViolation<?> violation) {
    String property = violation.getPropertyPath().toString().replace(".<list element>", "")
        .replace(".<map value>", "").replace("<list element>", "");
    if (name.endsWith("]")) {
      return property.isEmpty() ? name : name + "." + property;
    }
    return property.isEmpty() ? name : property;
  }
}

package org.clientele.crm.api.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A custom attribute admins register before values can be stored.
 *
 * @param key lower-case letters, digits and {@code _ -}, starting with a letter, e.g. {@code loyalty_tier}
 * @param allowedValues if not empty, the only values accepted (for STRING attributes)
 */
public record AttributeDefinition(
    @NotBlank(message = "must not be blank")
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = "[a-z][a-z0-9_-]*", message = "must start with a lower-case letter and contain only a-z, 0-9, _ and -")
        String key,
    @NotNull(message = "is required") AttributeType type,
    @Size(max = 100, message = "must have at most 100 allowed values") List<@NotBlank @Size(max = 500) String> allowedValues,
    @Size(max = 500, message = "must be at most 500 characters") String description) {

  public AttributeDefinition {
    allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
  }
}

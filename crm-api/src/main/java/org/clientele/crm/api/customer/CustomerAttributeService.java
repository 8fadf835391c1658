package org.clientele.crm.api.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The registry of custom attributes, whose values profiles may then carry. */
public interface CustomerAttributeService {

  /**
   * Registers or changes a definition. Changing the type of an attribute that has values is refused
   * ({@link org.clientele.crm.api.ConflictException}).
   */
  AttributeDefinition define(@NotNull(message = "is required") @Valid AttributeDefinition definition);

  List<AttributeDefinition> definitions();
}

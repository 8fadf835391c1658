package org.clientele.crm.impl.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/** The store adapters deployed, by kind. */
@ApplicationScoped
public class StoreAdapters {

  @Inject @Any Instance<StoreAdapter> adapters;

  public Optional<StoreAdapter> find(String kind) {
    if (kind == null) {
      return Optional.empty();
    }
    return adapters.stream().filter(a -> a.kind().equals(kind)).findFirst();
  }
}

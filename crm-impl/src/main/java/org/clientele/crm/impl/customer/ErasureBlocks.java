package org.clientele.crm.impl.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clientele.crm.api.customer.ContactType;
import org.clientele.crm.api.customer.RecentlyErasedException;

/** The suppression list of erased identifiers: written on erasure, checked on registration. */
@ApplicationScoped
public class ErasureBlocks {

  @Inject JpaCustomerRepository customers;

  /** Refuses input that carries an identifier erased less than the block period ago. */
  @Transactional(Transactional.TxType.MANDATORY)
  void refuseIfErased(CustomerDetails details, Instant now) {
    for (ErasureBlock.Key key : keysOf(details)) {
      if (customers.findBlock(key).filter(b -> b.blocks(now)).isPresent()) {
        throw new RecentlyErasedException();
      }
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  void block(List<ErasureBlock.Key> keys, Instant until) {
    for (ErasureBlock.Key key : keys) {
      customers.findBlock(key).ifPresentOrElse(b -> b.extendTo(until), () -> customers.storeBlock(new ErasureBlock(key, until)));
    }
  }

  static ErasureBlock.Key identityKey(String system, String externalId) {
    return new ErasureBlock.Key("IDENTITY", system + "/" + externalId);
  }

  static ErasureBlock.Key emailKey(String email) {
    return new ErasureBlock.Key("EMAIL", email);
  }

  static ErasureBlock.Key phoneKey(String phone) {
    return new ErasureBlock.Key("PHONE", phone);
  }

  static List<ErasureBlock.Key> keysOf(CustomerDetails details) {
    List<ErasureBlock.Key> keys = new ArrayList<>();
    details.identities().forEach(i -> keys.add(identityKey(i.system(), i.externalId())));
    if (details.email() != null) {
      keys.add(emailKey(details.email()));
    }
    if (details.phone() != null) {
      keys.add(phoneKey(details.phone()));
    }
    for (StoredContactPoint point : details.contactPoints()) {
      keys.add(point.type() == ContactType.EMAIL ? emailKey(point.value()) : phoneKey(point.value()));
    }
    return keys;
  }
}

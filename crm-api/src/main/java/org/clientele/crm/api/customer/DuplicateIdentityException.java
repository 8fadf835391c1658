package org.clientele.crm.api.customer;

import org.clientele.crm.api.ConflictException;

/** An external identity, email or phone already belongs to another profile. */
public class DuplicateIdentityException extends ConflictException {

  private static final long serialVersionUID = 1L;

  private final long existingCustomerId;

  public DuplicateIdentityException(String what, long existingCustomerId) {
    super(what + " already belongs to customer " + existingCustomerId);
    this.existingCustomerId = existingCustomerId;
  }

  public long existingCustomerId() {
    return existingCustomerId;
  }
}

package org.clientele.crm.api.customer;

import org.clientele.crm.api.ConflictException;

/** The person was erased recently; their identifiers are refused until the block expires. */
public class RecentlyErasedException extends ConflictException {

  private static final long serialVersionUID = 1L;

  public RecentlyErasedException() {
    super("This person was erased recently; data carrying their identifiers is refused until the erasure block expires");
  }

  @Override
  public String errorCode() {
    return "recently-erased";
  }
}

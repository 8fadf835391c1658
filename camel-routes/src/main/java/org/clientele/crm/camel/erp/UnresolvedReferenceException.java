package org.clientele.crm.camel.erp;

/**
 * A message refers to something the CRM does not have yet: an order or consent of an ERP customer whose master
 * record has not arrived, or a credit note of an order not recorded yet. Redelivered a few times (it may be on
 * its way on another queue), then parked; a replay after it arrived applies the message.
 */
public class UnresolvedReferenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Reason types of dead letters. */
  public static final String UNKNOWN_CUSTOMER = "unknown-customer";
  public static final String UNKNOWN_ORDER = "unknown-order";

  private final String reasonType;

  /** @param what for people, ids only (e.g. {@code ERP customer 100234}) */
  public UnresolvedReferenceException(String reasonType, String what) {
    super(what + " is not known to the CRM yet");
    this.reasonType = reasonType;
  }

  public String reasonType() {
    return reasonType;
  }
}

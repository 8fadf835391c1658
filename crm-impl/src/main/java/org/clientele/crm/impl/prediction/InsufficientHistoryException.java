package org.clientele.crm.impl.prediction;

/**
 * There is too little purchase history for a fit or a prediction: the message says what was needed and what was
 * found, e.g. "BG/NBD fit needs at least 30 customers with repeat purchases, found 12".
 */
public class InsufficientHistoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int required;
  private final int found;

  /**
   * @param subject what needs the history, e.g. "BG/NBD fit"
   * @param unit what is counted, e.g. "customers with repeat purchases"
   */
  public InsufficientHistoryException(String subject, String unit, int required, int found) {
    super(subject + " needs at least " + required + " " + unit + ", found " + found);
    this.required = required;
    this.found = found;
  }

  /** How many were needed. */
  public int required() {
    return required;
  }

  /** How many there were. */
  public int found() {
    return found;
  }
}

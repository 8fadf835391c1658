package org.clientele.crm.api;

/**
 * Root of every exception the CRM services throw to their callers.
 *
 * <p>Each subtype has a stable {@link #errorCode()}: the REST layer turns it into the {@code type} of an
 * RFC 9457 problem, and in-process callers can switch on it without depending on class names.
 */
public abstract class CrmException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected CrmException(String message) {
    super(message);
  }

  protected CrmException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A short, stable, kebab-case identifier of the kind of error, e.g. {@code not-found}. */
  public abstract String errorCode();
}

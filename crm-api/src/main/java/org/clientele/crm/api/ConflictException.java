package org.clientele.crm.api;

/** The request is valid on its own but clashes with what is already stored (e.g. a duplicate key). */
public class ConflictException extends CrmException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String errorCode() {
    return "conflict";
  }
}

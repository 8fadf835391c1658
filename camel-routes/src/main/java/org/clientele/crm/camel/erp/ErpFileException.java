package org.clientele.crm.camel.erp;

/**
 * A dropped ERP file that cannot be processed as a whole: not readable as records, of an unknown kind, too big,
 * or stopped by a record that failed unexpectedly. The file goes to {@code failed/} with one dead letter.
 */
public class ErpFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Reason types of file-level dead letters. */
  public static final String MALFORMED = "malformed-file";
  public static final String UNKNOWN_KIND = "unknown-kind";
  public static final String TOO_LARGE = "too-large";
  public static final String RECORD_FAILED = "record-failed";

  private final String reasonType;

  public ErpFileException(String reasonType, String message) {
    super(message);
    this.reasonType = reasonType;
  }

  public ErpFileException(String reasonType, String message, Throwable cause) {
    super(message, cause);
    this.reasonType = reasonType;
  }

  public String reasonType() {
    return reasonType;
  }
}

package org.clientele.crm.camel.erp;

import java.util.List;
import java.util.stream.Collectors;
import org.clientele.crm.api.FieldViolation;

/** An ERP message that cannot become a canonical message: not JSON, or fields missing or of the wrong kind. */
public class UnmappableMessageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Reason types of dead letters. */
  public static final String MALFORMED = "malformed-json";
  public static final String UNMAPPABLE = "unmappable";

  private final String reasonType;
  private final String messageId;
  private final transient List<FieldViolation> violations;

  public UnmappableMessageException(String reasonType, List<FieldViolation> violations) {
    this(reasonType, null, violations);
  }

  /** @param messageId the idempotency key the message does carry, or {@code null} */
  public UnmappableMessageException(String reasonType, String messageId, List<FieldViolation> violations) {
    super(describe(violations));
    this.reasonType = reasonType;
    this.messageId = messageId;
    this.violations = List.copyOf(violations);
  }

  /** The idempotency key of the message, when it has one: the dead letter is filed under it. */
  public String messageId() {
    return messageId;
  }

  public String reasonType() {
    return reasonType;
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  private static String describe(List<FieldViolation> violations) {
    return "Unmappable message: " + violations.stream()
        .map(v -> v.field() + " " + v.message())
        .collect(Collectors.joining("; "));
  }
}

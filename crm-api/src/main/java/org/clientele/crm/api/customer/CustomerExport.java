package org.clientele.crm.api.customer;

import java.time.Instant;
import java.util.List;

/**
 * Everything the CRM stores about one person, machine-readable (GDPR Art. 15 and 20).
 *
 * @param consentHistory every consent decision, newest first
 * @param auditTrail every recorded change of the profile
 * @param merges the merges the profile took part in
 * @param activity the customer's records in the other contexts, oldest first, by context:
 *     {@code interactions}, {@code conversations}, {@code purchases}, {@code feedback}, {@code follow-ups}
 */
public record CustomerExport(
    CustomerProfile profile,
    List<ConsentDecision> consentHistory,
    List<AuditEntry> auditTrail,
    List<MergeSummary> merges,
    java.util.Map<String, List<Object>> activity,
    Instant exportedAt) {

  /** One audited change: who did what and when. */
  public record AuditEntry(Instant occurredAt, String actor, String action, String detail) {}
}

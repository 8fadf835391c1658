package org.clientele.crm.api.customer;

import java.time.Instant;
import java.util.List;

/**
 * Everything the CRM stores about one person, machine-readable (GDPR Art. 15 and 20).
 *
 * @param consentHistory every consent decision, newest first
 * @param auditTrail every recorded change of the profile
 * @param merges the merges the profile took part in
 */
public record CustomerExport(
    CustomerProfile profile,
    List<ConsentDecision> consentHistory,
    List<AuditEntry> auditTrail,
    List<MergeSummary> merges,
    Instant exportedAt) {

  /** One audited change: who did what and when. */
  public record AuditEntry(Instant occurredAt, String actor, String action, String detail) {}
}

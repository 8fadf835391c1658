package org.clientele.crm.camel.erp;

import org.clientele.crm.api.customer.ConsentDecision;

/** A {@code consent} message after mapping: a decision of the ERP's customer {@code erpCustomerId}. */
public record ErpConsent(String messageId, String erpCustomerId, ConsentDecision decision) {}

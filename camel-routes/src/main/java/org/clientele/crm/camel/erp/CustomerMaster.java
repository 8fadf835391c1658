package org.clientele.crm.camel.erp;

import java.time.Instant;
import org.clientele.crm.api.customer.NewCustomer;

/**
 * A {@code customer.master} message after mapping: its idempotency key, the ERP's customer id and the
 * registration it asks for.
 *
 * @param changedAt when the ERP changed the record, or {@code null} when the message does not say
 */
public record CustomerMaster(String messageId, String erpCustomerId, NewCustomer customer, Instant changedAt) {}

/**
 * Integration reliability in the database: the transactional outbox, the inbound ledger and the dead-letter
 * store, over plain JDBC on the caller's connection (see docs/integration/reliability.md).
 */
package org.clientele.crm.impl.integration;

/**
 * The integration runtime seen from outside (its routes and their states) and its reliability: the
 * transactional outbox, the inbound ledger and the dead-letter store.
 */
package org.clientele.crm.api.integration;

/**
 * The integration runtime seen from outside (its routes, their states and the route files that edit them)
 * and its reliability: the transactional outbox, the inbound ledger and the dead-letter store.
 */
package org.clientele.crm.api.integration;

/** Relays that deliver the transactional outbox to external systems (see docs/integration/reliability.md). */
package org.clientele.crm.camel.outbox;

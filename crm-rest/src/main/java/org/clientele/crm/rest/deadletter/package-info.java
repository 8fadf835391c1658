/** Dead letters and the outbox, for operators of the integrations. */
package org.clientele.crm.rest.deadletter;

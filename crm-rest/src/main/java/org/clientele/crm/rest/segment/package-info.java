/** REST: segments, their rules, evaluation and members, and a customer's segments. */
package org.clientele.crm.rest.segment;

/** REST API of interactions under {@code /crm/api/interactions}; the timeline is under the customer. */
package org.clientele.crm.rest.interaction;

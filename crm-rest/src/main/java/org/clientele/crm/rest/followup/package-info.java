/** REST: follow-ups and work lists. */
package org.clientele.crm.rest.followup;

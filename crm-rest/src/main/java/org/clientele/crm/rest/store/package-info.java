/** Store webhooks (the signed receiver at /crm/hooks/{store}) and the operators' view of their deliveries. */
package org.clientele.crm.rest.store;

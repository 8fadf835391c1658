/** Interactions: recording touchpoints once per source event, and the customer timeline. */
package org.clientele.crm.impl.interaction;

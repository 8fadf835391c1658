/** CDI events of the interaction context, fired in the transaction of the change. */
package org.clientele.crm.api.interaction.events;

/** CDI events of the purchase context, fired in the transaction of the change (observe them after success). */
package org.clientele.crm.api.purchase.events;

/** CDI events of the customer context, fired after the change committed. */
package org.clientele.crm.api.customer.events;

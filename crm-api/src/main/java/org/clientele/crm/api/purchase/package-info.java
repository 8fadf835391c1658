/** Purchases: orders from every source system, kept in their newest version, with refunds and status history. */
package org.clientele.crm.api.purchase;

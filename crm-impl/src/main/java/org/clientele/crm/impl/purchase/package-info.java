/** Purchases: upserting order versions by source order, money arithmetic, refunds, status history. */
package org.clientele.crm.impl.purchase;

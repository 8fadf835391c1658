/** REST API of purchases under {@code /crm/api/purchases}. */
package org.clientele.crm.rest.purchase;

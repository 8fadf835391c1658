/** REST API of customers under {@code /crm/api/customers} and {@code /crm/api/customer-attributes}. */
package org.clientele.crm.rest.customer;

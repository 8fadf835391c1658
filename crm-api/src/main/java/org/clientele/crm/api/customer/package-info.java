/**
 * Customers: one profile per real person, with identities from every system, contact points, consents,
 * custom attributes, tags and a lifecycle stage.
 */
package org.clientele.crm.api.customer;
